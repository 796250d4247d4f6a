// SPDX-License-Identifier: Apache-2.0
/**
 * Public API: JDBC stores for the SDK's own tables. Each store works on a {@link java.sql.Connection} the
 * caller passes in, inside the caller's transaction, so that consent, audit and erasure records commit or roll
 * back together with the business change they belong to. No store commits, rolls back or closes a
 * connection, and all use prepared statements only. Stores are stateless and thread-safe; a connection must
 * still be used by one thread at a time.
 * <p>
 * {@link dev.custos.jpa.internal.store.SubjectKeys} holds the per-subject keys behind the pseudonyms that
 * {@link dev.custos.jpa.internal.store.ConsentLedger}, {@link dev.custos.jpa.internal.store.AuditTrail} and
 * {@link dev.custos.jpa.internal.store.RequestStore} store instead of subject ids; shredding a key is how a subject's
 * records stop identifying the person. The tables must exist: see {@link dev.custos.jpa.schema.CustosSchema}.
 */
package dev.custos.jpa.internal.store;
