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

    // 04270-04289: the audit trail's partitions (PostgreSQL) and its own retention

    public static Message partitionLeftInDefault(String month) {
        return Message.of(4270, "The audit trail's partition for %s was not created: custos_audit_record_default"
                + " already holds records of that month, which nobody may move or delete. They stay in the default"
                + " partition, which retention never drops; create partitions ahead (Custos does at start and daily)"
                + " so that records land in theirs", month);
    }

    public static Message partitionsFailed(SafeCause cause) {
        return Message.of(4271, "Creating the audit trail's monthly partitions failed: %s. Records of a month"
                + " without a partition go to custos_audit_record_default and are kept for good; check that"
                + " CustosSchema.migrate brought the tables to version 13. Custos tries again at its next run", cause);
    }

    public static Message partitionNotPrefix(String partition, String chain, String first, String last) {
        return Message.of(4272, "Partition %s is kept: chain %s has records %s to %s in it, but not every record"
                + " of the chain before them is gone, or a later record lies in an older month (records carry the"
                + " time of their event). Dropping it would cut the chain in the middle; it stays until the"
                + " partitions before it are dropped, or for good", partition, chain, first, last);
    }

    public static Message partitionChainBroken(String partition, String chain, String problemId, String firstBroken) {
        return Message.of(4273, "Partition %s is not exported: chain %s does not verify (%s from record %s). Nothing"
                + " is signed or dropped while a chain is broken; find the cause with the auditor guide", partition,
                chain, problemId, firstBroken);
    }

    public static Message partitionNotExported(String partition, String retention) {
        return Message.of(4274, "Partition %s is older than custos.audit.retention (%s) but was not exported, so"
                + " it is kept. Export it with AuditRetention.export (docs/operations.md); the next run drops it",
                partition, retention);
    }

    public static Message exportFileChanged(String partition, String file) {
        return Message.of(4275, "Partition %s is kept: its export %s is missing or no longer has the SHA-256"
                + " recorded in custos_audit_export. Put the exported file back, or export the partition again",
                partition, file);
    }

    public static Message cutNotSigned(String chain, String sequence) {
        return Message.of(4276, "Audit chain %s starts after record %s, and the checkpoint stored for that cut"
                + " (chain audit-cut) was not signed by the configured key (custos.checkpoint.signing-key): the"
                + " records up to it may have been removed without an export. Verify with custos-verifier and the"
                + " operator's public key, and compare with the exported files", chain, sequence);
    }

    public static Message partitionChanged(String partition) {
        return Message.of(4277, "Partition %s is kept: the database refused to drop it, because its records are no"
                + " longer exactly those exported with their signed cut (a record arrived since). Export it again",
                partition);
    }

    public static Message exportFailed(String partition, SafeCause cause) {
        return Message.of(4278, "Exporting partition %s of the audit trail failed: %s. Nothing was recorded as"
                + " exported, and nothing is dropped; fix the cause and export again", partition, cause);
    }

    public static Message retentionFailed(SafeCause cause) {
        return Message.of(4279, "The audit trail's retention failed: %s. Nothing was dropped in the failed"
                + " step; Custos tries again at its next run", cause);
    }

    public static Message partitionDropped(String partition, String retention) {
        return Message.of(4280, "Partition %s of the audit trail dropped: it is older than custos.audit.retention"
                + " (%s) and was exported with a signed checkpoint at its cut, from which verification of each"
                + " chain now starts", partition, retention);
    }

    public static Message cutSigningUnconfigured() {
        return Message.of(4281, "custos.audit.retention is set, but custos.checkpoint.signing-key is none: a"
                + " partition is exported and dropped only with a signed checkpoint at its cut, so every record is"
                + " kept. Configure the signing key (docs/operations.md)");
    }

    public static Message exportTargetInvalid(String directory) {
        return Message.of(4282, "The export directory %s does not exist or is not a writable directory; create it"
                + " on storage kept as long as the evidence must be, and export again", directory);
    }
}
