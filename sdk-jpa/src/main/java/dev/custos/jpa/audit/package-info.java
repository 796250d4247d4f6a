// SPDX-License-Identifier: Apache-2.0
/**
 * Public API: reading the audit trail, for auditors. {@link dev.custos.jpa.audit.AuditQueries} finds a subject's
 * records on every chain and verifies the chains; nothing here writes.
 */
package dev.custos.jpa.audit;
