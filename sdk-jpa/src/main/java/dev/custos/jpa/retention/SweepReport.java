// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.retention;

import dev.custos.core.Message;
import dev.custos.core.retention.RetentionDecision.Status;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a sweep did. Immutable.
 *
 * @param runId         the run's id, as written to {@code custos_erasure_log.run_id}
 * @param outcome       whether the sweep ran to the end
 * @param dryRun        whether it only counted
 * @param batches       the batches processed
 * @param candidates    the rows read as candidates
 * @param erased        the rows erased (in a dry run: that would be); a row erased under two rules counts twice
 * @param alreadyErased candidates whose erasure was logged before (by an earlier run or another node): skipped
 * @param kept          the candidates kept, by the engine's status ({@code RETAINED}, {@code HELD},
 *                      {@code REVIEW}, {@code UNDETERMINED})
 * @param detail        a summary, with a message id
 * @param auditKeysDestroyed the pseudonym keys of erased subjects destroyed because the audit identity a pack
 *        kept for them ran out (in a dry run: that would be); 0 when no key was scheduled for destruction
 */
public record SweepReport(String runId, Outcome outcome, boolean dryRun, int batches, long candidates, long erased,
                          long alreadyErased, Map<Status, Long> kept, Message detail, long auditKeysDestroyed) {

    /** How a sweep ended. */
    public enum Outcome {
        /** Every annotated entity was swept. */
        COMPLETED,
        /** Another sweeper holds the lease: nothing was done. */
        LEASE_HELD_ELSEWHERE,
        /** The lease was lost midway: the batches before stay erased, the rest is left for the next run. */
        LEASE_LOST
    }

    public SweepReport {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(outcome, "outcome");
        kept = Map.copyOf(kept.isEmpty() ? new EnumMap<>(Status.class) : new EnumMap<>(kept));
        Objects.requireNonNull(detail, "detail");
    }

    /** A report of a sweep that destroyed no pseudonym key. */
    public SweepReport(String runId, Outcome outcome, boolean dryRun, int batches, long candidates, long erased,
                       long alreadyErased, Map<Status, Long> kept, Message detail) {
        this(runId, outcome, dryRun, batches, candidates, erased, alreadyErased, kept, detail, 0);
    }

    /** The candidates kept with {@code status}. */
    public long kept(Status status) {
        return kept.getOrDefault(status, 0L);
    }

    /** All candidates kept. */
    public long keptTotal() {
        return kept.values().stream().mapToLong(Long::longValue).sum();
    }
}
