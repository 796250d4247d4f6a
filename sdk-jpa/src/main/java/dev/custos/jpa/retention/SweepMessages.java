// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.retention;

import dev.custos.core.Message;

/** Messages of the retention sweeper, ids 04600-04699 (see message-ranges.txt). */
final class SweepMessages {

    private SweepMessages() {
    }

    /**
     * Reserved: CUSTOS-04601 refused CRYPTO_SHRED when the sweeper was created, until the sweeper shredded data
     * keys; no longer used, and the id is retired, never to be reused.
     */
    static Message cryptoShredNotSupported(String location) {
        return Message.of(4601, "%s is erased by CRYPTO_SHRED, which the retention sweeper does not support yet;"
                + " the sweeper refuses to start rather than skip it. Use NULLIFY, ANONYMIZE, PSEUDONYMIZE or"
                + " DELETE_ROW for this attribute", location);
    }

    static Message deleteRowWithSeveralRules(String entity, String rules) {
        return Message.of(4602, "%s is erased by DELETE_ROW, but its personal attributes fall under several"
                + " retention rules or anchors [%s]; deleting the row when one of them ends would erase the others"
                + " early. Give all its personal attributes the same retention, or erase them field by field",
                entity, rules);
    }

    static Message leaseHeldElsewhere(String lease, String holder) {
        return Message.of(4603, "Lease %s is held by another sweeper (%s); this run erased nothing. The holder"
                + " finishes the work; try again after its lease ends", lease, holder);
    }

    static Message leaseLost(String lease, String entity, String batch) {
        return Message.of(4604, "Lease %s was taken over by another node before batch %s of %s; this run stopped"
                + " there and the committed batches stay erased. Raise the lease's time to live above the time"
                + " one batch takes, or lower the batch size", lease, batch, entity);
    }

    static Message completed(String runId, String erased, String kept) {
        return Message.of(4605, "Retention sweep %s finished: %s record(s) erased, %s kept (see the report's"
                + " counts by status)", runId, erased, kept);
    }

    static Message concurrentErasure(String entity, String batch, String attempts) {
        return Message.of(4606, "Batch %s of %s kept meeting rows that another sweeper erased at the same time"
                + " (%s attempts); nothing of this batch was erased twice or committed. Run the sweep on one node"
                + " at a time (the lease does this unless its time to live is too short)", batch, entity, attempts);
    }

    /**
     * {@code cause} as {@code SanitizedCause} describes it: exception classes, SQLState and constraint, never the
     * database's text, which on PostgreSQL quotes the failing row ("Failing row contains (...)").
     */
    static Message batchFailed(String entity, String batch, String rule, String cause) {
        return Message.of(4607, "Batch %s of %s under rule %s failed and was rolled back: none of its rows was"
                + " erased, and the next run meets them again. Cause: %s. A unique, CHECK or NOT NULL constraint on"
                + " a column under ANONYMIZE or NULLIFY, or a row other rows still reference under DELETE_ROW, are"
                + " the usual causes", batch, entity, rule, cause);
    }

    static Message dryRun(String runId, String wouldErase, String kept) {
        return Message.of(4608, "Dry run %s: %s record(s) would be erased, %s kept; nothing was changed",
                runId, wouldErase, kept);
    }

    static Message invalidBatchSize(String size) {
        return Message.of(4609, "The sweep's batch size must be between 1 and 100000, not %s", size);
    }

    static Message leaseUnavailable(String lease, String cause) {
        return Message.of(4610, "Lease %s could not be read or taken, so the sweep did not start: %s. Check that"
                + " CustosSchema.migrate ran on this database", lease, cause);
    }

    static Message completedWithFailures(String runId, String failed, String erased, String kept) {
        return Message.of(4611, "Retention sweep %s finished, but %s batch(es) failed and were rolled back alone (see"
                + " the report's failures); the sweep went on with the other batches and the next run meets the"
                + " failed batches' rows again. %s record(s) erased (in a dry run: due), %s kept", runId, failed,
                erased, kept);
    }

    // ids from 04690 on are taken from the end of the range, so that additions from the start do not collide

    static Message auditKeysFailed(String destroyed, String cause) {
        return Message.of(4690, "Destroying the pseudonym keys of erased subjects whose audit identity has run out"
                + " failed: %s. The batch was rolled back; the %s key(s) destroyed before stay destroyed, and the"
                + " next sweep destroys the rest. Check that CustosSchema.migrate brought the tables to version 6",
                cause, destroyed);
    }
}
