// SPDX-License-Identifier: Apache-2.0
package dev.custos.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.jpa.retention.RetentionSweeper;
import dev.custos.jpa.retention.SweepOptions;
import dev.custos.jpa.retention.SweepReport;
import dev.custos.jpa.store.AuditTrail;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Scenario 1 of issue #8: a child JVM sweeps on PostgreSQL and is killed with SIGKILL at a random moment (after a
 * random number of committed batches plus a random few milliseconds), then a normal sweep runs in this JVM. No
 * row is erased before it is due or while on hold, every due row is erased, and each erasure is logged and
 * audited exactly once; the audit chains still verify. A fresh schema per run. Fails when PostgreSQL is down.
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
                int killAfter = random.nextInt(Math.max(1, rows / batch / 2));
                int extraMillis = random.nextInt(150);
                kills.add(crashChild(db, crashAt, killAfter, extraMillis));

                // the dead child's lease expires after RetentionSweeper.LEASE_TTL; the next run comes later
                try (SweepNode node = new SweepNode(db.url(), crashAt.plus(Duration.ofMinutes(10)))) {
                    SweepReport report = new RetentionSweeper(node.runtime)
                            .sweep(SweepOptions.defaults().withBatchSize(batch));
                    assertThat(report.outcome()).as(report.toString()).isEqualTo(SweepReport.Outcome.COMPLETED);
                }
                wrong += ClientRows.wrongErasures(db);
                missed += ClientRows.missedErasures(db);
                duplicates += ClientRows.duplicates(db);
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

    /** Starts the child, kills it after {@code killAfter} batches and {@code extraMillis}; says when it died. */
    private String crashChild(TestDatabase db, Instant now, int killAfter, int extraMillis) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Djava.util.logging.config.file=" + System.getProperty("java.util.logging.config.file", ""),
                CrashSweepMain.class.getName(), db.url(), now.toString(), Integer.toString(batch));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String last = "";
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String target = killAfter == 0 ? "SWEEPING" : "BATCH " + killAfter;
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.equals("SWEEPING") || line.startsWith("BATCH ") || line.startsWith("DONE ")) {
                    last = line;
                }
                if (line.equals(target) || line.startsWith("DONE ")) {
                    break;
                }
            }
            Thread.sleep(extraMillis);
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no rollback by the JVM
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(last).as("the child never started sweeping").isNotEmpty();
        return last + "+" + extraMillis + "ms";
    }

    private static long brokenChains(TestDatabase db) throws Exception {
        long broken = 0;
        try (Connection c = db.transaction(); Statement s = c.createStatement();
             ResultSet chains = s.executeQuery("SELECT chain_id FROM custos_audit_head")) {
            List<Integer> ids = new ArrayList<>();
            while (chains.next()) {
                ids.add(chains.getInt(1));
            }
            for (int id : ids) {
                broken += new AuditTrail(id, Clock.fixed(ClientRows.NOW, ZoneOffset.UTC)).verify(c).intact() ? 0 : 1;
            }
        }
        return broken;
    }
}
