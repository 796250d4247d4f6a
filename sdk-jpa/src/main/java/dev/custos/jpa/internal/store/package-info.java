// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: JDBC stores for the SDK's own tables. Not API: applications record consent, read the audit trail and
 * place holds through the public services ({@link dev.custos.jpa.consent.ConsentRegistry},
 * {@link dev.custos.jpa.audit.AuditQueries}, {@link dev.custos.jpa.retention.LegalHolds}), which apply the audit,
 * purpose and pseudonym rules these stores do not.
 * <p>
 * Each store works on a {@link java.sql.Connection} the caller passes in, inside the caller's transaction, so that
 * consent, audit and erasure records commit or roll back together with the business change they belong to. No
 * store commits, rolls back or closes a connection, and all use prepared statements only. Stores are stateless and
 * thread-safe; a connection must still be used by one thread at a time. {@link SubjectKeys} holds the per-subject
 * keys behind the pseudonyms that {@link ConsentLedger}, {@link AuditTrail} and {@link RequestStore} store instead
 * of subject ids; shredding a key is how a subject's records stop identifying the person. The tables must exist:
 * see {@link dev.custos.jpa.schema.CustosSchema}.
 */
package dev.custos.jpa.internal.store;
