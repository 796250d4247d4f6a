// SPDX-License-Identifier: Apache-2.0
/**
 * Public API of the CDI module: {@link dev.custos.cdi.ProcessingPurpose} and the injectable services. Adding
 * the module to a Jakarta EE application is all it takes: its portable extension checks the annotated model
 * at deployment and starts Custos for the application's persistence unit.
 */
package dev.custos.cdi;
