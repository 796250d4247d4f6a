// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.store;

import dev.custos.core.Message;
import dev.custos.core.SafeCause;

/** Messages of the SDK's stores, ids 04200-04399 (see message-ranges.txt). */
public final class StoreMessages {

    private StoreMessages() {
    }

    /** {@code cause} as {@code SanitizedCause} describes it: never the driver's text, which may hold row values. */
    static Message sqlFailed(String operation, SafeCause cause) {
        return Message.of(4201, "%s failed: %s. Custos did not commit or roll back anything; roll"
                + " back the transaction, check that CustosSchema.migrate ran on this database, and try again",
                operation, cause);
    }

    static Message appendNeedsTransaction(String chainId) {
        return Message.of(4202, "Appending to audit chain %s needs a transaction, but the connection is in"
                + " auto-commit mode: the chain head's lock would be released after each statement and concurrent"
                + " appends could fork the chain. Call setAutoCommit(false), or use the container's transaction,"
                + " so that the audit record commits together with the change it describes", chainId);
    }

    static Message separatorInName(String kind, String name) {
        return Message.of(4203, "%s '%s' is empty or contains a comma; Custos stores such names as a comma-separated"
                + " list, so the name would not read back the same. Use the Java field or column name", kind, name);
    }

    static Message auditRowUnreadable(String sequence, String chainId, String column, String value) {
        return Message.of(4204, "Audit record %s of chain %s cannot be read: column %s holds '%s', which Custos"
                + " never writes. The trail was modified outside Custos: keep this copy as evidence, restore the"
                + " trail from a backup or replica, and trust only records before sequence %s",
                sequence, chainId, column, value, sequence);
    }

    static Message concurrentRowInvisible(String table, String isolation) {
        return Message.of(4205, "Another transaction created the same row of %s at the same time, but this"
                + " transaction cannot see it (JDBC isolation level %s). Retry the transaction, or use READ"
                + " COMMITTED for Custos' work", table, isolation);
    }

    static Message requestExists(String requestId) {
        return Message.of(4206, "Data-subject request %s is stored already; load it and update it instead of"
                + " inserting it again", requestId);
    }

    static Message requestChangedConcurrently(String requestId, String version) {
        return Message.of(4207, "Data-subject request %s was changed by someone else after version %s was read;"
                + " load it again and repeat the move on the current version", requestId, version);
    }

    static Message requestHistoryRewritten(String requestId) {
        return Message.of(4208, "The new value of data-subject request %s does not continue the stored history:"
                + " moves can only be added, never changed or removed. Load the request and apply the move to"
                + " what was loaded", requestId);
    }

    static Message requestUnreadable(String requestId, SafeCause cause) {
        return Message.of(4209, "Data-subject request %s cannot be rebuilt from custos_request and"
                + " custos_request_transition: %s. The rows were changed outside Custos; compare them with the audit"
                + " trail and correct custos_request by hand", requestId, cause);
    }

    static Message holdAlreadyReleased(String holdId) {
        return Message.of(4210, "Legal hold %s is placed with a release date; place holds unreleased and release"
                + " them with LegalHolds.release (RetentionService.releaseHold under CDI), so that the release is"
                + " recorded with who made it", holdId);
    }

    static Message leaseTtlNotPositive(String lease, String ttl) {
        return Message.of(4211, "Lease %s cannot be taken for %s; give a positive duration, longer than one sweep"
                + " batch takes", lease, ttl);
    }

    static Message holdEntityIdWithoutName(String holdId) {
        return Message.of(4212, "Legal hold %s names an entity id but no entity; give the entity name too, or"
                + " neither to hold everything about the subject", holdId);
    }

    static Message ledgerNeedsTransaction() {
        return Message.of(4213, "Recording a consent event needs a transaction, but the connection is in auto-commit"
                + " mode: the ledger's hash chain moves its head and inserts the event in two statements, and"
                + " concurrent events could fork the chain between them. Call setAutoCommit(false), or use the"
                + " container's transaction, so that the event commits together with the change it describes");
    }

    static Message ledgerRowUnreadable(String eventSeq, String column, String value, String sequence) {
        return Message.of(4214, "Consent event %s (custos_consent_event.event_seq) cannot be read: column %s holds"
                + " '%s', which Custos never writes. The ledger was modified outside Custos: keep this copy as"
                + " evidence, restore the ledger from a backup or replica, and trust only events before chain"
                + " sequence %s", eventSeq, column, value, sequence);
    }

    static Message ledgerRowNotChained(String eventSeq, String sequence) {
        return Message.of(4215, "Consent event %s (custos_consent_event.event_seq) has no place in the ledger's hash"
                + " chain. Either it was written before schema version 7 and no consent event was recorded since"
                + " (recording one chains such rows), or it was inserted outside Custos: then the ledger was"
                + " tampered with, so trust only events before chain sequence %s and restore the ledger from a"
                + " backup or replica", eventSeq, sequence);
    }

    public static Message importWithoutSource(String purpose) {
        return Message.of(4216, "An imported consent to %s names no source: the ledger keeps where each imported"
                + " consent came from (for example signup-form-2019 or crm-export), so it can be shown later. Give"
                + " the source", purpose);
    }

    public static Message importSourceMalformed(String source, String max) {
        return Message.of(4217, "Import source '%s' is longer than %s characters or holds a line break; name the"
                + " system or form the consent came from, briefly", source, max);
    }

    static Message importFromTheFuture(String purpose, String givenAt, String now) {
        return Message.of(4218, "An imported consent to %s is dated %s, after now (%s): evidence of consent already"
                + " held cannot be dated ahead. Check the date column of the import", purpose, givenAt, now);
    }

    public static Message readOnlyCaller(String caller, String operation, String role) {
        return Message.of(4260, "%s may not %s: callers in role %s read but change nothing (setting"
                + " custos.roles.read-only)", caller, operation, role);
    }

    public static Message auditorRequired(String caller, String operation, String role) {
        return Message.of(4261, "%s may not %s: it requires role %s (setting custos.roles.auditor)", caller,
                operation, role);
    }

    public static Message auditQueryFailed(SafeCause cause) {
        return Message.of(4262, "Reading the audit trail failed: %s. Nothing was changed; check that"
                + " CustosSchema.migrate ran on this database, and try again", cause);
    }

    static Message changeCounterMissing() {
        return Message.of(4230, "custos_subject_change has no counter row (bucket -1), which schema version 12"
                + " inserts: consent and restriction changes cannot be recorded for the nodes that read. Run"
                + " CustosSchema.migrate, or apply the version 12 script of docs/sql as shipped");
    }
}
