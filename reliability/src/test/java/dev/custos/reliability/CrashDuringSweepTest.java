// SPDX-License-Identifier: Apache-2.0
package dev.custos.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.jpa.retention.RetentionSweeper;
import dev.custos.jpa.retention.SweepOptions;
import dev.custos.jpa.retention.SweepReport;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Scenario 1 of issue #8: a child JVM sweeps on PostgreSQL and is killed with SIGKILL inside a batch: in a named
 * phase ({@link BatchPhases.Phase}: after the erasure, before the log write, before the commit; the runs take
 * them in turn) of a random batch in the first half. The child stops there and says so; the test checks it is
 * alive and at that phase of that batch, that every batch before it committed and nothing of it did, kills it
 * and checks it died of the signal (exit status 137). Then a normal sweep runs in this JVM. No row is erased
 * before it is due or while on hold, every due row is erased, logged and audited exactly once (the log's unique
 * key makes a second log entry impossible, so the audit is what is checked for doubles); the audit chains still
 * verify. A fresh schema per run. Fails when PostgreSQL is down.
 */
class CrashDuringSweepTest {

    private final int runs = Sizes.of("crash.runs", 3);
    private final int rows = Sizes.of("crash.rows", 3000);
    private final int batch = Sizes.of("crash.batch", 100);
    private final long seed = Long.getLong("custos.reliability.seed", System.nanoTime());

    @Test
    void killedSweepsLeaveNoWrongMissedOrDuplicateErasure() throws Exception {
        Random random = new Random(seed);
        long wrong = 0;
        long missed = 0;
        long duplicates = 0;
        long brokenChains = 0;
        List<String> kills = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            try (TestDatabase db = TestDatabase.migrated(TestDatabase.POSTGRESQL)) {
                new JpaUnit(JpaUnit.Provider.HIBERNATE, db.name()).open(db, Map.of("custos.pack", "dk")).close();
                ClientRows.seed(db, rows);
                Instant crashAt = ClientRows.NOW.plus(Duration.ofHours(run));
                // within the first half of the batches, so that the child is still sweeping when it dies
                int target = 1 + random.nextInt(Math.max(1, rows / batch / 2));
                BatchPhases.Phase phase = BatchPhases.Phase.values()[run % BatchPhases.Phase.values().length];
                kills.add(crashChild(db, crashAt, phase, target));

                // the dead child's lease expires after RetentionSweeper.LEASE_TTL; the next run comes later
                try (SweepNode node = new SweepNode(db.url(), crashAt.plus(Duration.ofMinutes(10)))) {
                    SweepReport report = new RetentionSweeper(node.runtime)
                            .sweep(SweepOptions.defaults().withBatchSize(batch));
                    assertThat(report.outcome()).as(report.toString()).isEqualTo(SweepReport.Outcome.COMPLETED);
                }
                wrong += ClientRows.wrongErasures(db);
                missed += ClientRows.missedErasures(db);
                duplicates += ClientRows.duplicateAudits(db);
                brokenChains += brokenChains(db);
                System.out.println("crash run " + (run + 1) + "/" + runs + ": killed at " + kills.get(run)
                        + ", so far wrong=" + wrong + " missed=" + missed + " duplicates=" + duplicates
                        + " broken_chains=" + brokenChains);
            }
        }
        System.out.println("crash runs (seed " + seed + "): " + kills);
        Sizes.result("crash_runs=" + runs + " wrong_erasures=" + wrong + " missed_erasures=" + missed
                + " duplicate_audits=" + duplicates + " broken_chains=" + brokenChains + " rows=" + rows);
        assertThat(List.of(wrong, missed, duplicates, brokenChains)).containsOnly(0L);
    }

    /**
     * Starts the child, waits for it to stop in {@code phase} of batch {@code target}, checks the batches before
     * committed and the stopped one did not, kills it and checks it died of SIGKILL; says where it died.
     */
    private String crashChild(TestDatabase db, Instant now, BatchPhases.Phase phase, int target) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Djava.util.logging.config.file=" + System.getProperty("java.util.logging.config.file", ""),
                CrashSweepMain.class.getName(), db.url(), now.toString(), Integer.toString(batch), phase.name(),
                Integer.toString(target));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String expected = "PHASE " + phase + " " + target;
        List<String> output = new ArrayList<>();
        int committed = 0;
        long erased = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String reached = null;
            while (reached == null) {
                String line = out.readLine();
                if (line == null) {
                    break;
                }
                output.add(line);
                if (line.startsWith("BATCH ")) {
                    committed++;
                    erased += Long.parseLong(line.substring(line.indexOf("erased=") + 7));
                } else if (line.startsWith("PHASE ") || line.startsWith("DONE ")) {
                    reached = line;
                }
            }
            try {
                assertThat(reached).as("the child's output: %s", output).isEqualTo(expected);
                assertThat(child.isAlive()).as("the child is alive in its phase").isTrue();
                assertThat(committed).as("batches committed before the target").isEqualTo(target - 1);
                // the stopped batch holds its rows' locks uncommitted: only the committed batches are visible
                assertThat(ClientRows.count(db, "SELECT COUNT(*) FROM custos_erasure_log")).isEqualTo(erased);
                assertThat(ClientRows.count(db, "SELECT COUNT(*) FROM Client WHERE name IS NULL")).isEqualTo(erased);
            } finally {
                child.destroyForcibly(); // SIGKILL: no shutdown hooks, no rollback by the JVM
                assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
        }
        assertThat(child.exitValue()).as("killed by SIGKILL (128 + 9)").isEqualTo(137);
        // PostgreSQL rolled the killed batch back when its connection died
        assertThat(ClientRows.count(db, "SELECT COUNT(*) FROM custos_erasure_log")).isEqualTo(erased);
        assertThat(ClientRows.listedErasures(db)).isEqualTo(erased);
        return phase + " of batch " + target;
    }

    private static long brokenChains(TestDatabase db) throws Exception {
        try (Connection c = db.transaction()) {
            return Chains.broken(c);
        }
    }
}
