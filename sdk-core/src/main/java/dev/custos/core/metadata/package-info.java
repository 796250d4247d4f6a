// SPDX-License-Identifier: Apache-2.0
/**
 * Public API: the validated personal-data model of an application, read from the Custos annotations
 * and bound to a policy pack.
 */
package dev.custos.core.metadata;
