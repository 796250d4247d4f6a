// SPDX-License-Identifier: Apache-2.0
/**
 * Public API: policy packs, the legal rules of a jurisdiction kept as data with citations, and the
 * reader for their XML files.
 */
package dev.custos.core.policy;
