// SPDX-License-Identifier: Apache-2.0
/**
 * Public API: consent-ledger events and the evaluator that decides, from them, whether processing on
 * the basis of consent is permitted now, and why.
 */
package dev.custos.core.consent;
