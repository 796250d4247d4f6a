// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.retention;

import dev.custos.core.Message;
import dev.custos.core.SafeCause;

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
    static Message batchFailed(String entity, String batch, String rule, SafeCause cause) {
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

    static Message leaseUnavailable(String lease, SafeCause cause) {
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

    static Message auditKeysFailed(String destroyed, SafeCause cause) {
        return Message.of(4690, "Destroying the pseudonym keys of erased subjects whose audit identity has run out"
                + " failed: %s. The batch was rolled back; the %s key(s) destroyed before stay destroyed, and the"
                + " next sweep destroys the rest. Check that CustosSchema.migrate brought the tables to version 6",
                cause, destroyed);
    }

    static Message decidedMeanwhile(String decisionId) {
        return Message.of(4630, "Erasure line %s was decided by someone else a moment ago; nothing was changed."
                + " Read the line again to see the decision", decisionId);
    }

    static Message decisionGroupGone(String decisionId, String entity, String ruleId, String attributes) {
        return Message.of(4631, "Erasure line %s names %s [%s] under rule %s, which this deployment no longer"
                + " sweeps together, so it cannot be erased as that rule's line. Decide to keep it, or erase the"
                + " row through an erasure request", decisionId, entity, attributes, ruleId);
    }

    static Message decisionFailed(String decisionId, SafeCause cause) {
        return Message.of(4632, "Deciding erasure line %s failed, and nothing of it was committed: %s. Fix the cause"
                + " and decide again", decisionId, cause);
    }

    static Message adoptionDue(String entity, String rows, String ruleId, String strategy) {
        return Message.of(4633, "%s: %s row(s) are due under rule %s, and the first sweep erases them (%s). Check them"
                + " with RetentionSweeper.preview; place a legal hold on any that must stay; then confirm the"
                + " first sweep", entity, rows, ruleId, strategy);
    }

    static Message adoptionKept(String entity, String rows, String ruleId) {
        return Message.of(4634, "%s: %s row(s) are kept under rule %s until their retention ends; nothing to do",
                entity, rows, ruleId);
    }

    static Message adoptionHeld(String entity, String rows) {
        return Message.of(4635, "%s: %s row(s) are kept by a legal hold; release each hold when its reason ends",
                entity, rows);
    }

    static Message adoptionReview(String entity, String rows, String ruleId) {
        return Message.of(4636, "%s: %s row(s) are due under rule %s, which asks a person: the first sweep lists"
                + " them for a decision, and they are kept until decided (Decisions.undecided, Decisions.decide)",
                entity, rows, ruleId);
    }

    static Message adoptionNoClock(String entity, String rows, String ruleId, String anchor) {
        return Message.of(4637, "%s: %s row(s) have no value in %s, the clock of rule %s, so their retention cannot"
                + " be dated and they are kept for ever. Fill %s (for example from the row's last activity) or"
                + " derive the clock, then run this report again", entity, rows, anchor, ruleId, anchor);
    }

    static Message adoptionNoConsent(String entity, String rows, String ruleId) {
        return Message.of(4638, "%s: %s row(s) are kept under consent-bound rule %s, but the consent ledger holds no"
                + " consent record of their subjects, so they stay undetermined. Import the consents the"
                + " application holds, with their evidence (ConsentRegistry.importConsents); rows whose consent"
                + " cannot be shown should be erased through a withdrawal or an erasure request", entity, rows,
                ruleId);
    }

    static Message adoptionNoClockValue(String entity, String rows, String ruleId, String event, String clock) {
        return Message.of(4661, "%s: %s row(s) have no clock value for \"%s\" (derived from %s), the clock of rule %s,"
                + " so their retention cannot be dated and they are kept (never erased on a guess) until a value"
                + " appears; check that these rows should have one", entity, rows, event, clock, ruleId);
    }

    static Message unknownGroup(String groupId, String unit) {
        return Message.of(4670, "Sweep group %s is not one of persistence unit %s's groups: ask SweepBatches.groups()"
                + " of the same instance for the groups to sweep", groupId, unit);
    }
}
