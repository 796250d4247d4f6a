// SPDX-License-Identifier: Apache-2.0
/** Public API: the CDI events Custos fires; observe them with {@code @Observes}. */
package dev.custos.cdi.event;
