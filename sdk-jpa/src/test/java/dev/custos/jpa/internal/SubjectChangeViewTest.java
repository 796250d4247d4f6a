// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.jpa.internal.store.SubjectChanges;
import dev.custos.jpa.testing.TestDatabase;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The check of {@code custos_subject_change} shared by concurrent readers: readers that arrive while a check runs
 * share the next one, which started after they asked and so sees a change committed before, and a failed check
 * fails every reader that took it.
 */
class SubjectChangeViewTest {

    @Test
    void readersArrivingDuringACheckShareTheNextOneWhichSeesWhatCommittedBeforeThey() throws Exception {
        try (TestDatabase db = TestDatabase.migrated(TestDatabase.DERBY)) {
            GatedDataSource gated = new GatedDataSource(db.dataSource());
            DataSource source = proxy(gated);
            SubjectChangeView view = new SubjectChangeView();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                Future<Long> first = pool.submit(() -> view.checkShared(source));
                assertThat(gated.entered.await(30, TimeUnit.SECONDS)).isTrue(); // the first check is running
                long changeCount;
                try (Connection c = db.transaction()) {
                    new SubjectChanges().record(c, List.of("subject-7"));
                    c.commit();
                }
                try (Connection c = db.connect()) {
                    changeCount = new SubjectChanges().since(c, -1).get(-1);
                }
                List<Future<Long>> later = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    later.add(pool.submit(() -> view.checkShared(source)));
                }
                awaitWaiting(view, 3); // the three wait for the running check
                gated.open.countDown();
                assertThat(first.get(30, TimeUnit.SECONDS)).as("checked before the change").isLessThan(changeCount);
                for (Future<Long> reader : later) {
                    assertThat(reader.get(30, TimeUnit.SECONDS)).isEqualTo(changeCount);
                }
                assertThat(gated.connections.get()).as("the first check and one shared by the three").isEqualTo(2);
                assertThat(view.current("subject-7", changeCount - 1)).isFalse();
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aFailedSharedCheckFailsEveryReaderThatTookItAndTheNextReaderChecksAgain() throws Exception {
        try (TestDatabase db = TestDatabase.migrated(TestDatabase.DERBY)) {
            GatedDataSource gated = new GatedDataSource(db.dataSource());
            DataSource source = proxy(gated);
            gated.failSecond = true;
            SubjectChangeView view = new SubjectChangeView();
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                Future<Long> first = pool.submit(() -> view.checkShared(source));
                assertThat(gated.entered.await(30, TimeUnit.SECONDS)).isTrue();
                Future<Long> second = pool.submit(() -> view.checkShared(source));
                Future<Long> third = pool.submit(() -> view.checkShared(source));
                awaitWaiting(view, 2);
                gated.open.countDown();
                first.get(30, TimeUnit.SECONDS);
                for (Future<Long> reader : List.of(second, third)) {
                    assertThatThrownBy(() -> reader.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(SQLException.class);
                }
                assertThat(gated.connections.get()).isEqualTo(2);
                view.checkShared(source);
                assertThat(gated.connections.get()).as("a failed round is not reused").isEqualTo(3);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /**
     * Holds the first check in flight after its query, in closing its connection, until {@code open}; can refuse its
     * second connection as an outage would.
     */
    private static final class GatedDataSource implements InvocationHandler {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch open = new CountDownLatch(1);
        final AtomicInteger connections = new AtomicInteger();
        final DataSource delegate;
        volatile boolean failSecond;

        GatedDataSource(DataSource delegate) {
            this.delegate = delegate;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (!method.getName().equals("getConnection")) {
                return call(method, delegate, args);
            }
            int n = connections.incrementAndGet();
            if (n == 2 && failSecond) {
                throw new SQLException("Connection refused (simulated outage)", "08001");
            }
            Connection connection = (Connection) call(method, delegate, args);
            if (n != 1) {
                return connection;
            }
            return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (p, m, a) -> {
                        if (m.getName().equals("close")) {
                            entered.countDown();
                            open.await(30, TimeUnit.SECONDS);
                        }
                        return call(m, connection, a);
                    });
        }

        private static Object call(Method method, Object target, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    private static void awaitWaiting(SubjectChangeView view, int readers) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (view.waiting() < readers && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(view.waiting()).isEqualTo(readers);
    }

    private static DataSource proxy(GatedDataSource handler) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                handler);
    }
}
