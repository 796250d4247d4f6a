// SPDX-License-Identifier: Apache-2.0
package dev.custos.reliability;

import dev.custos.jpa.retention.RetentionSweeper;
import dev.custos.jpa.retention.SweepOptions;
import java.time.Instant;

/**
 * The child JVM of {@link CrashDuringSweepTest}: starts Custos on the database at {@code args[0]} with the clock
 * at {@code args[1]} and sweeps in batches of {@code args[2]}, printing {@code SWEEPING} before the sweep and
 * {@code BATCH n} after each committed batch, so the test can kill it mid-sweep.
 */
public final class CrashSweepMain {

    private CrashSweepMain() {
    }

    public static void main(String[] args) {
        try (SweepNode node = new SweepNode(args[0], Instant.parse(args[1]))) {
            RetentionSweeper sweeper = new RetentionSweeper(node.runtime);
            int[] batches = {0};
            System.out.println("SWEEPING");
            System.out.flush();
            var report = sweeper.sweep(SweepOptions.defaults().withBatchSize(Integer.parseInt(args[2]))
                    .withListener(progress -> {
                        System.out.println("BATCH " + ++batches[0]);
                        System.out.flush();
                    }));
            System.out.println("DONE " + report.outcome() + " erased=" + report.erased());
        }
    }
}
