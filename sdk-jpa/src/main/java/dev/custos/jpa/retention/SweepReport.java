// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.retention;

import dev.custos.core.Message;
import dev.custos.core.retention.RetentionDecision.Status;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a sweep did. Immutable.
 *
 * @param runId          the run's id, as written to {@code custos_erasure_log.run_id}
 * @param outcome        whether the sweep ran to the end
 * @param dryRun         whether it only counted
 * @param batches        the batches processed (failed ones not included)
 * @param candidates     the rows read as candidates
 * @param erased         the rows erased (in a dry run: that would be); a row erased under two rules counts twice
 * @param alreadyErased  candidates whose erasure was logged before (by an earlier run or another node): skipped
 * @param kept           the candidates kept, by the engine's status ({@code RETAINED}, {@code HELD},
 *                       {@code REVIEW}, {@code UNDETERMINED})
 * @param detail         a summary, with a message id
 * @param skippedChanged candidates found due, but no longer due when re-checked under lock just before the
 *                       erasure (a later anchor, a legal hold, consent given again, or the row gone): kept, not
 *                       logged and not audited; a later sweep erases them once they are due. Not in {@code kept}
 * @param failures       one message per batch that failed and was rolled back ({@code CUSTOS-04606} or
 *                       {@code CUSTOS-04607}); the sweep went on with the next batch. Empty when none failed
 * @param auditKeysDestroyed the pseudonym keys of erased subjects destroyed because the audit identity a pack
 *        kept for them ran out (in a dry run: that would be); 0 when no key was scheduled for destruction
 */
public record SweepReport(String runId, Outcome outcome, boolean dryRun, int batches, long candidates, long erased,
                          long alreadyErased, Map<Status, Long> kept, Message detail, long skippedChanged,
                          List<Message> failures, long auditKeysDestroyed) {

    /** How a sweep ended. */
    public enum Outcome {
        /** Every annotated entity was swept. */
        COMPLETED,
        /** Another sweeper holds the lease: nothing was done. */
        LEASE_HELD_ELSEWHERE,
        /** The lease was lost midway: the batches before stay erased, the rest is left for the next run. */
        LEASE_LOST,
        /**
         * Every annotated entity was swept, but some batches failed and were rolled back (see
         * {@link SweepReport#failures()}); the next run meets their rows again.
         */
        COMPLETED_WITH_FAILURES
    }

    public SweepReport {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(outcome, "outcome");
        kept = Map.copyOf(kept.isEmpty() ? new EnumMap<>(Status.class) : new EnumMap<>(kept));
        Objects.requireNonNull(detail, "detail");
        failures = List.copyOf(failures);
    }

    /** A report without rows skipped on the re-check, failed batches or destroyed keys. */
    public SweepReport(String runId, Outcome outcome, boolean dryRun, int batches, long candidates, long erased,
                       long alreadyErased, Map<Status, Long> kept, Message detail) {
        this(runId, outcome, dryRun, batches, candidates, erased, alreadyErased, kept, detail, 0, List.of(), 0);
    }

    /** The candidates kept with {@code status}. */
    public long kept(Status status) {
        return kept.getOrDefault(status, 0L);
    }

    /** All candidates kept by status; {@link #skippedChanged()} is not included. */
    public long keptTotal() {
        return kept.values().stream().mapToLong(Long::longValue).sum();
    }
}
