// SPDX-License-Identifier: Apache-2.0
package dev.custos.reliability;

import dev.custos.jpa.retention.RetentionSweeper;
import dev.custos.jpa.retention.SweepOptions;
import java.time.Instant;

/**
 * The child JVM of {@link CrashDuringSweepTest}: starts Custos on the database at {@code args[0]} with the clock
 * at {@code args[1]} and sweeps in batches of {@code args[2]}, printing {@code SWEEPING} before the sweep and
 * {@code BATCH n erased=m} after each committed batch. With {@code args[3]} a {@link BatchPhases.Phase} and
 * {@code args[4]} a batch number, it stops in that phase of that batch, printing {@code PHASE <phase> <n>}, and
 * waits there to be killed.
 */
public final class CrashSweepMain {

    private CrashSweepMain() {
    }

    public static void main(String[] args) {
        BatchPhases phases = new BatchPhases(BatchPhases.Phase.valueOf(args[3]), Integer.parseInt(args[4]),
                System.out);
        try (SweepNode node = new SweepNode(args[0], Instant.parse(args[1]), phases::around)) {
            RetentionSweeper sweeper = new RetentionSweeper(node.runtime);
            System.out.println("SWEEPING");
            System.out.flush();
            var report = sweeper.sweep(SweepOptions.defaults().withBatchSize(Integer.parseInt(args[2]))
                    .withListener(progress -> {
                        System.out.println("BATCH " + progress.batch() + " erased=" + progress.erased());
                        System.out.flush();
                    }));
            System.out.println("DONE " + report.outcome() + " erased=" + report.erased());
        }
    }
}
