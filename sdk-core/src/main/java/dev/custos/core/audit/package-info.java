// SPDX-License-Identifier: Apache-2.0
/**
 * Public API: the tamper-evident audit trail. {@link dev.custos.core.audit.AuditChain} turns
 * {@link dev.custos.core.audit.AuditEvent}s into hash-chained {@link dev.custos.core.audit.AuditRecord}s,
 * {@link dev.custos.core.audit.AuditChainVerifier} checks stored records against a
 * {@link dev.custos.core.audit.Checkpoint}, and {@link dev.custos.core.audit.SubjectPseudonyms} keeps data
 * subjects out of the trail in cleartext.
 * <p>
 * The record format is {@code custos-audit-v1}; its canonical encoding and the message texts are
 * package-private and not part of the API.
 */
package dev.custos.core.audit;
