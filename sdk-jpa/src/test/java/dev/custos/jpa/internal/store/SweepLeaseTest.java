// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.CustosException;
import dev.custos.jpa.testing.DatabaseTest;
import dev.custos.jpa.testing.TestDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

class SweepLeaseTest {

    static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    static final Duration TTL = Duration.ofMinutes(5);

    private final SweepLease lease = new SweepLease();

    @DatabaseTest
    void aLeaseHasOneHolderUntilItExpiresOrIsReleased(String database) throws Exception {
        try (TestDatabase db = TestDatabase.migrated(database); Connection c = db.connect()) {
            assertThat(lease.tryAcquire(c, "sweep", "node-a", NOW, TTL)).isTrue();
            assertThat(lease.tryAcquire(c, "sweep", "node-b", NOW.plusSeconds(60), TTL)).isFalse();
            assertThat(lease.tryAcquire(c, "sweep", "node-a", NOW.plusSeconds(60), TTL)).as("renewal").isTrue();
            assertThat(lease.tryAcquire(c, "sweep", "node-b", NOW.plus(TTL), TTL)).as("renewed").isFalse();
            assertThat(lease.tryAcquire(c, "sweep", "node-b", NOW.plusSeconds(60).plus(TTL), TTL)).isTrue();

            assertThat(lease.release(c, "sweep", "node-a", NOW.plus(TTL.multipliedBy(2)))).isFalse();
            assertThat(lease.release(c, "sweep", "node-b", NOW.plus(TTL.multipliedBy(2)))).isTrue();
            assertThat(lease.tryAcquire(c, "sweep", "node-a", NOW.plus(TTL.multipliedBy(2)), TTL)).isTrue();
            assertThat(lease.tryAcquire(c, "other", "node-b", NOW, TTL)).as("another lease").isTrue();
        }
    }

    @DatabaseTest
    void aNodeWhoseClockIsBehindTakesALeaseReleasedByANodeAhead(String database) throws Exception {
        Instant ahead = NOW.plus(Duration.ofMinutes(2)); // less than the time to live, or each takes it from the other
        try (TestDatabase db = TestDatabase.migrated(database); Connection c = db.connect()) {
            assertThat(lease.tryAcquire(c, "sweep", "node-ahead", ahead, TTL)).isTrue();
            assertThat(lease.tryAcquire(c, "sweep", "node-behind", NOW.plusSeconds(10), TTL)).as("held").isFalse();
            assertThat(lease.release(c, "sweep", "node-ahead", ahead.plusSeconds(20))).isTrue();
            assertThat(lease.tryAcquire(c, "sweep", "node-behind", NOW.plusSeconds(30), TTL)).as("released")
                    .isTrue();
            assertThat(lease.tryAcquire(c, "sweep", "node-ahead", ahead.plusSeconds(40), TTL)).as("taken back")
                    .isFalse();
        }
    }

    @DatabaseTest
    void ofTwoNodesRacingForANewLeaseOnlyOneWins(String database) throws Exception {
        for (int round = 0; round < 5; round++) {
            try (TestDatabase db = TestDatabase.migrated(database)) {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                CyclicBarrier start = new CyclicBarrier(2);
                try {
                    List<Future<Boolean>> results = new ArrayList<>();
                    for (String node : List.of("node-a", "node-b")) {
                        results.add(pool.submit(() -> {
                            try (Connection c = db.transaction()) {
                                start.await(10, TimeUnit.SECONDS);
                                boolean won = lease.tryAcquire(c, "sweep", node, NOW, TTL);
                                c.commit();
                                return won;
                            }
                        }));
                    }
                    int winners = 0;
                    for (Future<Boolean> result : results) {
                        winners += result.get(60, TimeUnit.SECONDS) ? 1 : 0;
                    }
                    assertThat(winners).isEqualTo(1);
                } finally {
                    pool.shutdownNow();
                }
            }
        }
    }

    @DatabaseTest
    void refusesAnEmptyTimeToLive(String database) throws Exception {
        try (TestDatabase db = TestDatabase.migrated(database); Connection c = db.connect()) {
            assertThatThrownBy(() -> lease.tryAcquire(c, "sweep", "node-a", NOW, Duration.ZERO))
                    .isInstanceOfSatisfying(CustosException.class,
                            e -> assertThat(e.messageId()).isEqualTo("CUSTOS-04211"));
        }
    }
}
