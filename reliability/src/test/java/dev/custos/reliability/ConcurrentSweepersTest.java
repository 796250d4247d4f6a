// SPDX-License-Identifier: Apache-2.0
package dev.custos.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.jpa.retention.RetentionSweeper;
import dev.custos.jpa.retention.SweepOptions;
import dev.custos.jpa.retention.SweepReport;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scenario 2 of issue #8: three sweepers, each a node of its own (its own persistence unit and Custos runtime,
 * so its own lease holder), start together on one PostgreSQL schema and keep sweeping until each has completed
 * a sweep. No row is erased twice (log, audit, and the sum of the reports), none is missed, none wrongly erased.
 */
class ConcurrentSweepersTest {

    private static final int SWEEPERS = 3;

    private final int rows = Sizes.of("concurrent.rows", 3000);

    /**
     * With {@code skewMinutes} 0 the lease lets one sweeper work at a time. With 6, each node's clock is ahead of
     * the previous one's by more than {@link RetentionSweeper#LEASE_TTL}, so each takes over a lease the others
     * still think is theirs and batches really run at the same time: then the row locks and the erasure log's
     * unique key are what keep erasures single.
     */
    @ParameterizedTest(name = "clock skew {0} min")
    @ValueSource(ints = {0, 6})
    void threeSweepersAtOnceEraseEachDueRowOnce(int skewMinutes) throws Exception {
        try (TestDatabase db = TestDatabase.migrated(TestDatabase.POSTGRESQL)) {
            new JpaUnit(JpaUnit.Provider.HIBERNATE, db.name()).open(db, Map.of("custos.pack", "dk")).close();
            ClientRows.seed(db, rows);
            List<SweepNode> nodes = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(SWEEPERS);
            try {
                for (int i = 0; i < SWEEPERS; i++) {
                    nodes.add(new SweepNode(db.url(), ClientRows.NOW.plus(Duration.ofMinutes((long) skewMinutes * i))));
                }
                CyclicBarrier start = new CyclicBarrier(SWEEPERS);
                AtomicBoolean completed = new AtomicBoolean();
                List<Future<List<SweepReport>>> sweeps = new ArrayList<>();
                for (SweepNode node : nodes) {
                    sweeps.add(pool.submit(() -> sweepUntilDone(node, start, db, completed)));
                }
                long reportedErased = 0;
                long held = 0;
                for (Future<List<SweepReport>> sweep : sweeps) {
                    for (SweepReport report : sweep.get(30, TimeUnit.MINUTES)) {
                        reportedErased += report.erased();
                        held += report.outcome() == SweepReport.Outcome.COMPLETED ? 0 : 1;
                        assertThat(report.failures()).as(report.toString()).isEmpty();
                    }
                }
                long doubles = ClientRows.duplicates(db) + Math.max(0, reportedErased - ClientRows.due(rows));
                long lost = ClientRows.missedErasures(db) + Math.max(0, ClientRows.due(rows) - reportedErased);
                long wrong = ClientRows.wrongErasures(db);
                Sizes.result("concurrent_sweepers=" + SWEEPERS + " double_erasures=" + doubles + " skew_min=" + skewMinutes + " lost=" + lost
                        + " wrong_erasures=" + wrong + " rows=" + rows + " lease_refusals_or_losses=" + held);
                assertThat(List.of(doubles, lost, wrong)).containsOnly(0L);
            } finally {
                pool.shutdownNow();
                nodes.forEach(SweepNode::close);
            }
        }
    }

    /**
     * Sweeps until a sweep of this node completes, or, refused the lease, until another node has completed one
     * and no due row is left: with clocks that stand still, a node whose clock is behind would otherwise wait
     * for ever for a lease that ends in its future.
     */
    private static List<SweepReport> sweepUntilDone(SweepNode node, CyclicBarrier start, TestDatabase db,
            AtomicBoolean completed) throws Exception {
        RetentionSweeper sweeper = new RetentionSweeper(node.runtime);
        List<SweepReport> reports = new ArrayList<>();
        start.await();
        while (true) {
            SweepReport report = sweeper.sweep(SweepOptions.defaults().withBatchSize(200));
            reports.add(report);
            if (report.outcome() == SweepReport.Outcome.COMPLETED) {
                completed.set(true);
                return reports;
            }
            if (report.outcome() != SweepReport.Outcome.LEASE_HELD_ELSEWHERE
                    && report.outcome() != SweepReport.Outcome.LEASE_LOST) {
                throw new AssertionError(report.toString());
            }
            if (completed.get() && ClientRows.count(db,
                    "SELECT COUNT(*) FROM Client WHERE clientId LIKE 'due-%' AND name IS NOT NULL") == 0) {
                return reports;
            }
            Thread.sleep(20);
        }
    }
}
