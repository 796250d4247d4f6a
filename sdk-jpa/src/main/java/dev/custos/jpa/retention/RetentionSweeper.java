// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.retention;

import static dev.custos.jpa.retention.SweepTally.report;

import dev.custos.core.CustosException;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.access.AccessRefusedException;
import dev.custos.jpa.request.Decision;
import dev.custos.jpa.internal.store.ErasureLog;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Erases personal data whose retention has ended, for every annotated entity of a persistence unit.
 * <p>
 * Per entity and per group of attributes sharing a rule and an anchor, the sweep reads
 * candidates in keyset order ({@code WHERE id > :last ORDER BY id}, {@code batchSize} at a time), narrowed in
 * SQL by the anchor where that is safe (see {@code SweepGroup#cutoff}: at most two days' worth of rows past
 * the exact boundary are read, and no due row is ever left out). It reads the batch's legal holds and consent
 * events in a few queries, lets the {@link dev.custos.core.retention.RetentionEngine} decide every candidate,
 * and erases only those it finds {@code DUE}, set-based, in one transaction per batch, together with one
 * erasure-log row and one {@code ERASE} audit record (write chain) per erased row and strategy. The attributes of a
 * group with several strategies are erased in the same transaction, so a row is erased whole or, when a statement
 * fails (a constraint the mapping does not declare, say), not at all. Before erasing, the batch
 * write-locks its due rows and decides them again on what is committed then (see {@code BatchWork}): a row
 * whose anchor moved, that was put under a legal hold or whose consent was given again since the first read is
 * skipped and counted in {@link SweepReport#skippedChanged()}. Where the rule runs from a date column of the row
 * and the subject is a column of the same table (no CRYPTO_SHRED), the batch instead locks its candidates' key
 * range with one statement and decides them once, under the lock ({@code BatchWork#eraseLockedRange}). A rule that runs from a
 * {@link dev.custos.core.annotation.DerivedClock} reads the clock for the batch's rows with one grouped query
 * (per 500 rows), and narrows the candidates with it as a subquery; the rows the clock is read from are not
 * locked, so one committed after the re-check counts from the next sweep on, as a legal hold committed then does. A crash rolls back the open batch only; the
 * erasure log's unique key and a per-batch look-up make a rerun finish the work without erasing anything
 * twice. A batch that fails is rolled back alone and recorded in the report, and the sweep goes on with the
 * next one. A lease ({@value #LEASE}) lets one node sweep at a time.
 * <p>
 * Strategies: NULLIFY (set-based {@code UPDATE ... SET a = NULL}); DELETE_ROW (set-based {@code DELETE}; only
 * when all the entity's personal attributes share one rule and anchor); ANONYMIZE (set-based, with the fixed
 * values of {@code Erasure#anonymous}, or row by row with a value per row where a text or UUID column is unique);
 * PSEUDONYMIZE (row by row, a keyed pseudonym of the value under the subject's key, for strings). Values written
 * in place of the data satisfy the column's length, uniqueness and Bean Validation constraints (checked when the
 * unit starts). Derived
 * copies are nulled with NULLIFY and CRYPTO_SHRED and given anonymous values otherwise. CRYPTO_SHRED deletes the
 * subject's data key, which erases all of the subject's CRYPTO_SHRED values at once: so a subject's rows are
 * shredded only when every CRYPTO_SHRED row of the subject, in every entity and under every rule, is due (or
 * erased already); otherwise they are kept (counted as {@code RETAINED} or the blocking row's status), and the
 * entity is evicted from the shared cache after each batch that shredded. Bulk statements bypass entity listeners and the providers' caches are invalidated
 * by them; entity managers that loaded the rows before keep their stale copies.
 * <p>
 * Last, the sweep destroys the pseudonym keys of erased subjects whose audit identity, kept for a while under the
 * pack's {@code <audit-identity>} rule, has run out (set-based, {@code batchSize} keys per transaction); the
 * report counts them.
 * <p>
 * Thread-safe: each call works in entity managers and connections of its own; a sweep called while the same
 * instance is sweeping returns {@code LEASE_HELD_ELSEWHERE} at once. Create one instance per node; its id is
 * the lease holder.
 */
public final class RetentionSweeper {

    private static final System.Logger LOG = System.getLogger(RetentionSweeper.class.getName());

    /** The lease's name in {@code custos_sweep_lease}. */
    public static final String LEASE = "custos-retention-sweep";

    /** How long the lease lasts without renewal; it is renewed before every batch. */
    public static final Duration LEASE_TTL = Duration.ofMinutes(5);

    private final CustosRuntime runtime;
    private final List<SweepGroup> groups;
    private final NodeLease lease;
    private final BatchWork work;
    private final ErasureLog erasureLog = new ErasureLog();
    private final ExpiredAuditKeys auditKeys;
    private final ReentrantLock running = new ReentrantLock();
    private final SweepPreview previews;
    private final SweepDecisions decisions;

    /**
     * A sweeper for the runtime's persistence unit.
     *
     * @throws CustosException {@code CUSTOS-04602} if a DELETE_ROW entity's attributes fall under several rules or anchors
     */
    public RetentionSweeper(CustosRuntime runtime) {
        this(runtime, BatchWork.Seam.NONE);
    }

    /** A sweeper that calls {@code seam} inside each batch, for tests of concurrent changes. */
    RetentionSweeper(CustosRuntime runtime, BatchWork.Seam seam) {
        runtime.requireEnabled();
        this.runtime = runtime;
        this.lease = new NodeLease(runtime);
        this.groups = SweepPlan.groups(runtime);
        this.work = new BatchWork(runtime, groups, seam);
        this.auditKeys = new ExpiredAuditKeys(runtime);
        this.previews = new SweepPreview(runtime, groups, work);
        this.decisions = new SweepDecisions(runtime, groups);
    }

    /** Sweeps with {@link SweepOptions#defaults()}. */
    public SweepReport sweep() {
        return sweep(SweepOptions.defaults());
    }

    /**
     * Sweeps every annotated entity once.
     *
     * @return what was erased and kept; {@code LEASE_HELD_ELSEWHERE} without doing anything when another
     *         sweeper holds the lease (a dry run takes no lease); {@code COMPLETED_WITH_FAILURES} when batches
     *         failed ({@code CUSTOS-04607}) or kept meeting rows erased concurrently ({@code CUSTOS-04606}):
     *         each was rolled back alone and is listed in {@link SweepReport#failures()}
     * @throws AccessRefusedException {@code CUSTOS-04260} for a caller in a read-only role
     * @throws RuntimeException whatever the progress listener throws, after the batch it was told of committed
     */
    public SweepReport sweep(SweepOptions options) {
        runtime.refuseReadOnlyCaller("sweep");
        String runId = "sweep-" + UUID.randomUUID();
        if (!running.tryLock()) {
            // the lease is per instance, so two calls on one instance would both hold it
            return logged(report(runId, SweepReport.Outcome.LEASE_HELD_ELSEWHERE, options.dryRun(), new SweepTally(),
                    SweepMessages.leaseHeldElsewhere(LEASE, lease.holder() + " (this instance, in another thread)")));
        }
        try {
            return logged(sweepHoldingInstance(runId, options));
        } finally {
            running.unlock();
        }
    }

    /**
     * Every sweep leaves one summary line, also when it found nothing due, so an operator sees that it ran:
     * INFO when it completed (or another node holds the lease), WARNING with one more line per failed batch when
     * it did not; a batch that keeps failing is a retention breach nobody sees unless it is told.
     */
    private SweepReport logged(SweepReport report) {
        boolean fine = report.outcome() == SweepReport.Outcome.COMPLETED
                || report.outcome() == SweepReport.Outcome.LEASE_HELD_ELSEWHERE;
        String unit = " [unit " + runtime.unitName() + "]";
        LOG.log(fine ? System.Logger.Level.INFO : System.Logger.Level.WARNING, report.detail() + unit);
        report.failures().forEach(failure -> LOG.log(System.Logger.Level.WARNING, failure + unit));
        runtime.metrics().swept(runtime.unitName(), report);
        return report;
    }

    private SweepReport sweepHoldingInstance(String runId, SweepOptions options) {
        SweepTally tally = new SweepTally();
        if (!options.dryRun()) {
            String other = lease.acquire();
            if (other != null) {
                return report(runId, SweepReport.Outcome.LEASE_HELD_ELSEWHERE, false, tally,
                        SweepMessages.leaseHeldElsewhere(LEASE, other));
            }
        }
        try {
            for (SweepGroup group : groups) {
                Object last = null;
                for (int batch = 1; ; batch++) {
                    if (!options.dryRun() && lease.acquire() != null) {
                        return report(runId, SweepReport.Outcome.LEASE_LOST, false, tally,
                                SweepMessages.leaseLost(LEASE, group.mapping().entityName(), Integer.toString(batch)));
                    }
                    BatchWork.Result result;
                    try {
                        result = work.run(group, last, options.batchSize(), batch, runId, options.dryRun(), true,
                                null);
                    } catch (BatchWork.Failed e) {
                        // one bad row must not hold back every later due erasure; the failed batch is not retried
                        // here, the next run meets its rows again
                        tally.failures.add(e.detail());
                        if (e.lastId() == null) {
                            break; // failed before its candidates were read: leave the rest of the group
                        }
                        last = e.lastId();
                        continue;
                    }
                    tally.add(result);
                    if (!options.dryRun() && result.erased() > 0 && Integer.bitCount(batch) == 1
                            && looksUpLog(group)) {
                        // after batches 1, 2, 4, 8, ...: the log's look-up is planned from statistics that a
                        // large sweep outgrows faster than autovacuum refreshes them (a group that looks
                        // nothing up needs none; one that does refreshes them on its own first batches)
                        refreshLogStatistics();
                    }
                    options.listener().accept(new SweepProgress(group.mapping().entityName(), group.rule().id(),
                            batch, result.candidates(), result.erased(), result.keptTotal()));
                    if (result.candidates() < options.batchSize()) {
                        break;
                    }
                    last = result.lastId();
                }
            }
            tally.auditKeys = auditKeys.destroy(runtime.clock().instant(), options.batchSize(), options.dryRun());
        } finally {
            if (!options.dryRun()) {
                lease.release();
            }
        }
        String kept = Long.toString(tally.kept.values().stream().mapToLong(Long::longValue).sum() + tally.skipped);
        String erased = Long.toString(tally.erased);
        if (!tally.failures.isEmpty()) {
            return report(runId, SweepReport.Outcome.COMPLETED_WITH_FAILURES, options.dryRun(), tally,
                    SweepMessages.completedWithFailures(runId, Integer.toString(tally.failures.size()), erased, kept));
        }
        return report(runId, SweepReport.Outcome.COMPLETED, options.dryRun(), tally, options.dryRun()
                ? SweepMessages.dryRun(runId, erased, kept) : SweepMessages.completed(runId, erased, kept));
    }

    /**
     * What the sweep would do with each row that still holds data under a rule, in sweep order, up to
     * {@code limit} entries: rows not due yet too (with their due date), held, for review or undetermined,
     * each with the engine's reason. Rows whose erasure is logged already are left out. Changes nothing and
     * takes no lease; reads every annotated row until the limit is reached.
     */
    public List<PreviewEntry> preview(int limit) {
        return previews.preview(limit);
    }

    /**
     * The adoption report: for a database that held data before Custos was added, what the first sweep will find,
     * per entity and rule (see {@link AdoptionReport}). Reads every annotated row in batches, with the few
     * queries per batch the sweep makes (no query per row); changes nothing and takes no lease. Rows are counted
     * by the decision the preview shows.
     */
    public AdoptionReport adoptionReport() {
        return previews.adoptionReport();
    }

    /**
     * Whether a sweep (not a dry run) ever ran on this database: the sweep's lease row in
     * {@code custos_sweep_lease} is created by the first one and never removed. False for a database Custos was
     * just added to, where the first sweep would erase at once whatever is due in the existing data.
     */
    public boolean everSwept() {
        return lease.everSwept();
    }

    /**
     * Records a person's decision on an erasure line a sweep left for review (origin SWEEP) and audits it
     * ({@code ERASURE_DECIDED}), in one transaction. ERASE erases the row's values of the line's rule now, by the
     * rule's strategy, logged and audited as the sweep's erasures are (run id: the line's id; CRYPTO_SHRED values
     * are nulled, since shredding the subject's key would erase values of other rules too); later sweeps find the
     * erasure logged and skip the row. KEEP keeps the row; later sweeps leave the line as decided. Applications
     * call {@code dev.custos.jpa.request.Decisions#decide}, which checks the input first.
     *
     * @throws CustosException {@code CUSTOS-04630} when the line was decided meanwhile, {@code CUSTOS-04631} to
     *                         erase a line whose rule this deployment no longer sweeps as one group,
     *                         {@code CUSTOS-04632} when the transaction fails
     */
    public void decide(Decision line, Decision.Outcome outcome, String reason, String decidedBy) {
        decisions.decide(line, outcome, reason, decidedBy);
    }

    /**
     * Whether the sweep's batches of {@code group} look rows up in the erasure log (other than to redo a batch
     * that met a logged row): all but those locked by range that skip the look-up, with one scope.
     */
    private static boolean looksUpLog(SweepGroup group) {
        return !(group.lockedByRange() && group.skipsLogLookUp() && group.scopes().size() == 1);
    }

    /** Best effort: the sweep is as correct without fresh statistics, only slower, so a failure is let pass. */
    private void refreshLogStatistics() {
        try {
            runtime.transactions().inOwnTransaction(runtime.dataSource(), c -> {
                erasureLog.refreshStatistics(c);
                return null;
            });
        } catch (SQLException | RuntimeException e) {
            // the look-ups go on with the statistics there are
        }
    }
}
