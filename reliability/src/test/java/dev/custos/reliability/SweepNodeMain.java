// SPDX-License-Identifier: Apache-2.0
package dev.custos.reliability;

import dev.custos.jpa.retention.RetentionSweeper;
import dev.custos.jpa.retention.SweepOptions;
import dev.custos.jpa.retention.SweepReport;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A sweeping node of {@link ConcurrentSweepersTest}, a JVM of its own: starts Custos on the database at
 * {@code args[0]} with its clock at {@code args[1]}, prints {@code READY} and waits for a line on its input, then
 * sweeps in batches of {@code args[2]}, each sweep stopped after {@code args[3]} batches (its listener throws; the
 * batches before committed, the lease released) so that the nodes take turns, until no due row is left; after a
 * slice that erased it waits (a second at most) for another node to erase. Prints
 * {@code ERASED n} per committed batch that erased, {@code REPORT outcome alreadyErased=n failures=n} per sweep
 * that returned, and {@code DONE} at the end.
 */
public final class SweepNodeMain {

    /** Ends a sweep after its slice of batches. */
    private static final class SliceEnd extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SliceEnd() {
            super("slice done", null, false, false);
        }
    }

    private SweepNodeMain() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int batch = Integer.parseInt(args[2]);
        int slice = Integer.parseInt(args[3]);
        try (SweepNode node = new SweepNode(url, Instant.parse(args[1]))) {
            RetentionSweeper sweeper = new RetentionSweeper(node.runtime);
            System.out.println("READY");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            while (dueLeft(url) > 0) {
                int[] batches = {0};
                long[] erased = {0};
                try {
                    SweepReport report = sweeper.sweep(SweepOptions.defaults().withBatchSize(batch)
                            .withListener(progress -> {
                                erased[0] += progress.erased();
                                if (progress.erased() > 0) {
                                    System.out.println("ERASED " + progress.erased());
                                    System.out.flush();
                                }
                                if (++batches[0] >= slice) {
                                    throw new SliceEnd();
                                }
                            }));
                    System.out.println("REPORT " + report.outcome() + " alreadyErased=" + report.alreadyErased()
                            + " failures=" + report.failures().size());
                    System.out.flush();
                } catch (RuntimeException e) {
                    if (!(e instanceof SliceEnd) && !(e.getCause() instanceof SliceEnd)) {
                        throw e;
                    }
                }
                if (erased[0] > 0) {
                    yieldToOthers(url);
                }
                Thread.sleep(20);
            }
            System.out.println("DONE");
        }
    }

    /**
     * After a slice that erased, waits until another node erased (the erasure log grew), nothing is due any more,
     * or a second passed: without it the node that just released the lease usually takes it again at once.
     */
    private static void yieldToOthers(String url) throws Exception {
        long logged = count(url, "SELECT COUNT(*) FROM custos_erasure_log");
        long until = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < until && dueLeft(url) > 0
                && count(url, "SELECT COUNT(*) FROM custos_erasure_log") == logged) {
            Thread.sleep(20);
        }
    }

    private static long dueLeft(String url) throws Exception {
        return count(url, "SELECT COUNT(*) FROM Client WHERE clientId LIKE 'due-%' AND name IS NOT NULL");
    }

    private static long count(String url, String sql) throws Exception {
        try (var c = SweepNode.dataSource(url).getConnection(); var s = c.createStatement();
             var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
