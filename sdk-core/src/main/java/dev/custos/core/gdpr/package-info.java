// SPDX-License-Identifier: Apache-2.0
/**
 * Public API: the GDPR vocabulary Custos reasons with (data categories, legal bases, Art. 9(2)
 * conditions, data-subject rights, Art. 17(3) exemptions) and the {@link dev.custos.core.gdpr.RightsMap}
 * that says which right applies to which processing, and why.
 */
package dev.custos.core.gdpr;
