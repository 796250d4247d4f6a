// SPDX-License-Identifier: Apache-2.0
/**
 * Public API: the record of processing activities (GDPR Art. 30), generated from the annotated model as
 * Markdown and JSON.
 */
package dev.custos.core.record;
