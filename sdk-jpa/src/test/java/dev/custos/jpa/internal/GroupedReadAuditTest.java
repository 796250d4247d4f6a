// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.CustosException;
import dev.custos.core.SafeCause;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupedReadAuditTest {

    private final ExecutorService readers = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        readers.shutdownNow();
    }

    private static List<PendingAudit> audits(String... subjects) {
        List<PendingAudit> audits = new ArrayList<>();
        for (String subject : subjects) {
            audits.add(new PendingAudit("Note", subject, ref -> null));
        }
        return audits;
    }

    /** A delegate whose first append waits for {@code release}, recording the subjects of every append. */
    private static final class SlowTrail implements AuditWriter {
        final List<List<String>> appends = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch firstStarted = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile RuntimeException failWith;

        @Override
        public void writeAll(List<PendingAudit> audits) {
            appends.add(audits.stream().map(PendingAudit::subjectId).toList());
            firstStarted.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failWith != null) {
                throw failWith;
            }
        }
    }

    private static void awaitWaiting(GroupedReadAudit grouped, int count) throws InterruptedException {
        for (int i = 0; i < 2000 && grouped.waiting() < count; i++) {
            Thread.sleep(10);
        }
        assertThat(grouped.waiting()).isEqualTo(count);
    }

    @Test
    void readersQueuedBehindAnAppendAreAppendedInOneTransactionButNeverTwoBatchesOfOneSubject() throws Exception {
        SlowTrail trail = new SlowTrail();
        GroupedReadAudit grouped = new GroupedReadAudit(trail);
        Future<?> first = readers.submit(() -> grouped.writeAll(audits("ada")));
        assertThat(trail.firstStarted.await(20, TimeUnit.SECONDS)).isTrue();
        Future<?> bo = readers.submit(() -> grouped.writeAll(audits("bo", "cy")));
        awaitWaiting(grouped, 1);
        Future<?> di = readers.submit(() -> grouped.writeAll(audits("di")));
        awaitWaiting(grouped, 2);
        Future<?> cyAgain = readers.submit(() -> grouped.writeAll(audits("cy")));
        awaitWaiting(grouped, 3);
        assertThat(bo.isDone() || di.isDone() || cyAgain.isDone()).as("no reader returns before its append").isFalse();

        trail.release.countDown();
        for (Future<?> reader : List.of(first, bo, di, cyAgain)) {
            reader.get(20, TimeUnit.SECONDS);
        }
        // the three waiting readers: two appends, not three; cy's second result in a transaction of its own
        assertThat(trail.appends).containsExactly(List.of("ada"), List.of("bo", "cy", "di"), List.of("cy"));
    }

    @Test
    void everyReaderOfAFailedAppendFailsWithItsOwnExceptionAndTheSameMessage() throws Exception {
        SlowTrail trail = new SlowTrail();
        GroupedReadAudit grouped = new GroupedReadAudit(trail);
        Future<?> first = readers.submit(() -> grouped.writeAll(audits("ada")));
        assertThat(trail.firstStarted.await(20, TimeUnit.SECONDS)).isTrue();
        Future<?> bo = readers.submit(() -> grouped.writeAll(audits("bo")));
        awaitWaiting(grouped, 1);
        Future<?> cy = readers.submit(() -> grouped.writeAll(audits("cy")));
        awaitWaiting(grouped, 2);
        CustosException down = new CustosException(JpaMessages.auditFailed("a read", SafeCause.of(new java.net.ConnectException())));
        trail.failWith = down;
        trail.release.countDown();

        List<Throwable> failures = new ArrayList<>();
        for (Future<?> reader : List.of(first, bo, cy)) {
            assertThatThrownBy(() -> reader.get(20, TimeUnit.SECONDS)).satisfies(e -> failures.add(e.getCause()));
        }
        assertThat(failures).allSatisfy(f -> assertThat(f).isInstanceOf(CustosException.class)
                .hasMessage(down.getMessage()).isNotSameAs(down));
        assertThat(failures).doesNotHaveDuplicates();
        assertThat(trail.appends).containsExactly(List.of("ada"), List.of("bo", "cy"));
    }

    @Test
    void aReaderAloneAppendsItsOwnBatchAtOnce() {
        List<List<PendingAudit>> appends = new ArrayList<>();
        GroupedReadAudit grouped = new GroupedReadAudit(appends::add);
        List<PendingAudit> mine = audits("ada", "ada", "bo");
        grouped.writeAll(mine);
        assertThat(appends).containsExactly(mine);
        assertThat(grouped.waiting()).isZero();
    }
}
