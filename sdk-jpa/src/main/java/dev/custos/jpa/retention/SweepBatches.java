// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.retention;

import dev.custos.core.CustosException;
import dev.custos.core.Message;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.access.AccessRefusedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The retention sweep one batch at a time, for a caller that keeps its own position and runs the batches itself,
 * such as a Jakarta Batch job: it lists the sweep's groups and sweeps one batch of one group after a key, returning
 * the key to go on from. Each batch is exactly one of {@link RetentionSweeper}'s: read, decided, locked, decided
 * again, erased, logged and audited in one transaction of its own. A batch run again after the caller lost its
 * position (a job restarted from an older checkpoint) finds its rows erased or logged and erases and audits
 * nothing twice.
 * <p>
 * The batches run under the sweep's lease ({@value RetentionSweeper#LEASE}), held in the name the caller gives:
 * every batch takes or renews it for that holder, so the threads of one job share it, while a
 * {@link RetentionSweeper} or a job under another holder name does nothing until it is released or has expired
 * ({@link RetentionSweeper#LEASE_TTL} after the last batch). A job restarted under its first name takes the lease back at once.
 * <p>
 * Thread-safe: batches of different groups may run at once. Unlike {@link RetentionSweeper#sweep}, nothing here logs
 * a summary or records metrics: the caller reports what its batches did.
 */
public final class SweepBatches {

    /**
     * One group of the sweep: the attributes of one entity that share a retention rule and anchor, swept together.
     *
     * @param index  the position in {@link #groups()}
     * @param entity the entity's name
     * @param ruleId the retention rule's id
     * @param id     what tells this group apart as long as the deployment does not change: entity, rule, anchor
     *               and strategies; a position saved under one id belongs to that group only
     */
    public record Group(int index, String entity, String ruleId, String id) {
    }

    /** How a batch ended. */
    public enum Outcome {
        /** Committed: its rows were decided and the due ones erased. */
        SWEPT,
        /** Failed and rolled back alone ({@link Batch#detail()}); go on from {@link Batch#lastKey()}. */
        FAILED,
        /** Another holder holds the lease: nothing was done. */
        LEASE_HELD_ELSEWHERE
    }

    /**
     * What one batch did. Immutable.
     *
     * @param outcome    how it ended
     * @param lastKey    the key to sweep after next: the last candidate's (unchanged when none was read)
     * @param groupDone  whether the group has no candidates left after this batch
     * @param candidates rows read as candidates
     * @param erased     rows erased
     * @param kept       rows kept (not due, held, for review, undetermined, erased before, or no longer due on the
     *                   re-check under lock)
     * @param detail     why it failed or did nothing, with a message id; empty for a batch that was swept
     */
    public record Batch(Outcome outcome, Object lastKey, boolean groupDone, int candidates, int erased, int kept,
                        Optional<Message> detail) {
    }

    private final CustosRuntime runtime;
    private final List<SweepGroup> plan;
    private final List<Group> groups;
    private final BatchWork work;
    private final ExpiredAuditKeys auditKeys;

    /**
     * The batches of the runtime's persistence unit.
     *
     * @throws CustosException {@code CUSTOS-04602} if a DELETE_ROW entity's attributes fall under several rules or
     *                         anchors
     */
    public SweepBatches(CustosRuntime runtime) {
        runtime.requireEnabled();
        this.runtime = runtime;
        this.plan = SweepPlan.groups(runtime);
        this.work = new BatchWork(runtime, plan, BatchWork.Seam.NONE);
        this.auditKeys = new ExpiredAuditKeys(runtime);
        List<Group> listed = new ArrayList<>(plan.size());
        for (SweepGroup group : plan) {
            listed.add(new Group(listed.size(), group.mapping().entityName(), group.rule().id(),
                    group.mapping().entityName() + "|" + group.rule().id() + "|" + group.anchor() + "|"
                            + group.strategies()));
        }
        this.groups = List.copyOf(listed);
    }

    /** The groups, in the order {@link RetentionSweeper} sweeps them; an entity's groups are next to each other. */
    public List<Group> groups() {
        return groups;
    }

    /**
     * Sweeps one batch of {@code group}: up to {@code batchSize} candidates after {@code after} (null: from the
     * start), in key order, under the lease held as {@code holder}.
     *
     * @param batch the batch's number within the group, from 1, for messages
     * @param runId the run's id, as written to the erasure log and the audit records
     * @throws CustosException {@code CUSTOS-04670} for a group that is not one of {@link #groups()};
     *                         {@code CUSTOS-04609} for a batch size out of range; {@code CUSTOS-04610} when the
     *                         lease cannot be read
     * @throws AccessRefusedException {@code CUSTOS-04260} for a caller in a read-only role
     */
    public Batch sweep(Group group, Object after, int batch, int batchSize, String runId, String holder) {
        SweepGroup swept = planned(group);
        SweepOptions.defaults().withBatchSize(batchSize); // checks the size
        runtime.refuseReadOnlyCaller("sweep");
        String other = new NodeLease(runtime, holder).acquire();
        if (other != null) {
            return new Batch(Outcome.LEASE_HELD_ELSEWHERE, after, true, 0, 0, 0,
                    Optional.of(SweepMessages.leaseHeldElsewhere(RetentionSweeper.LEASE, other)));
        }
        try {
            BatchWork.Result result = work.run(swept, after, batchSize, batch, runId, false, true, null);
            return new Batch(Outcome.SWEPT, result.candidates() == 0 ? after : result.lastId(),
                    result.candidates() < batchSize, result.candidates(), result.erased(), result.keptTotal(),
                    Optional.empty());
        } catch (BatchWork.Failed e) {
            // as the sweeper does: the failed batch is rolled back and left to the next run, the group goes on
            // after it; failed before its candidates were read, the rest of the group is left
            return new Batch(Outcome.FAILED, e.lastId() == null ? after : e.lastId(), e.lastId() == null, 0, 0, 0,
                    Optional.of(e.detail()));
        }
    }

    /**
     * Destroys the pseudonym keys whose audit identity ran out, as the end of {@link RetentionSweeper#sweep} does,
     * under the lease held as {@code holder}.
     *
     * @return the keys destroyed, or empty when another holder holds the lease
     * @throws CustosException {@code CUSTOS-04690} when a batch of keys fails (earlier ones stay destroyed)
     */
    public Optional<Long> destroyExpiredAuditKeys(int batchSize, String holder) {
        SweepOptions.defaults().withBatchSize(batchSize);
        runtime.refuseReadOnlyCaller("sweep");
        if (new NodeLease(runtime, holder).acquire() != null) {
            return Optional.empty();
        }
        return Optional.of(auditKeys.destroy(runtime.clock().instant(), batchSize, false));
    }

    /** Gives the lease up if {@code holder} holds it, so that the next sweep need not wait for it to expire. */
    public void release(String holder) {
        new NodeLease(runtime, holder).release();
    }

    private SweepGroup planned(Group group) {
        if (group.index() < 0 || group.index() >= groups.size() || !groups.get(group.index()).equals(group)) {
            throw new CustosException(SweepMessages.unknownGroup(group.id(), runtime.unitName()));
        }
        return plan.get(group.index());
    }
}
