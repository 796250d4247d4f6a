// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal.batch;

import dev.custos.jpa.retention.SweepBatches;

/**
 * Counts of sweep batches, kept by the job as a plain {@code long[]} (persistent user data and partition data are
 * serialised into the job repository, and read back on restart, where only JDK types are sure to resolve).
 */
final class Tally {

    private static final int CANDIDATES = 0;
    private static final int ERASED = 1;
    private static final int KEPT = 2;
    private static final int FAILED = 3;
    private static final int LEASE_HELD = 4;

    private Tally() {
    }

    static long[] empty() {
        return new long[5];
    }

    /** {@code data} if it is a tally, else an empty one. */
    static long[] of(Object data) {
        return data instanceof long[] counts && counts.length == 5 ? counts : empty();
    }

    static void add(long[] tally, SweepBatches.Batch batch) {
        tally[CANDIDATES] += batch.candidates();
        tally[ERASED] += batch.erased();
        tally[KEPT] += batch.kept();
        if (batch.outcome() == SweepBatches.Outcome.FAILED) {
            tally[FAILED]++;
        } else if (batch.outcome() == SweepBatches.Outcome.LEASE_HELD_ELSEWHERE) {
            tally[LEASE_HELD]++;
        }
    }

    static void add(long[] tally, long[] more) {
        for (int i = 0; i < tally.length; i++) {
            tally[i] += more[i];
        }
    }

    static long erased(long[] tally) {
        return tally[ERASED];
    }

    static long kept(long[] tally) {
        return tally[KEPT];
    }

    static long failed(long[] tally) {
        return tally[FAILED];
    }

    /**
     * The exit status an operator reads in the server's batch tools next to the batch status: whether the batches
     * swept ({@code SWEPT}), some failed and were rolled back ({@code SWEPT_WITH_FAILED_BATCHES}, the next sweep
     * meets their rows again) or the lease was held elsewhere and nothing was swept ({@code LEASE_HELD_ELSEWHERE}),
     * then the counts.
     */
    static String exitStatus(long[] tally) {
        String outcome = tally[FAILED] > 0 ? "SWEPT_WITH_FAILED_BATCHES"
                : tally[LEASE_HELD] > 0 && tally[CANDIDATES] == 0 ? "LEASE_HELD_ELSEWHERE" : "SWEPT";
        return outcome + " candidates=" + tally[CANDIDATES] + " erased=" + tally[ERASED] + " kept=" + tally[KEPT]
                + " failedBatches=" + tally[FAILED];
    }
}
