// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.cdi.event.DataErased;
import dev.custos.cdi.event.RequestDeadlineNear;
import dev.custos.cdi.internal.SweepScheduler;
import dev.custos.cdi.testing.CdiClinic;
import dev.custos.cdi.testmodel.Enquiry;
import dev.custos.cdi.testmodel.Session;
import dev.custos.core.request.RequestType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduled sweep: it runs on the executor the server (here a bean) provides, erases what consent no longer
 * covers, fires DataErased, and warns of request deadlines.
 */
class ScheduledSweepTest {

    @ApplicationScoped
    public static class Observer {
        static final BlockingQueue<Object> EVENTS = new LinkedBlockingQueue<>();

        void erased(@Observes DataErased event) {
            EVENTS.add(event);
        }

        void near(@Observes RequestDeadlineNear event) {
            EVENTS.add(event);
        }
    }

    @ApplicationScoped
    public static class Executor {
        @Produces
        @ApplicationScoped
        ScheduledExecutorService executor() {
            return Executors.newSingleThreadScheduledExecutor();
        }

        void shutdown(@Disposes ScheduledExecutorService executor) {
            executor.shutdownNow();
        }
    }

    /** The scheduler's log lines, as operators read them. */
    static final class Lines extends Handler {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void publish(LogRecord record) {
            lines.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private static final Logger SCHEDULER_LOG = Logger.getLogger(SweepScheduler.class.getName());

    private WeldContainer container;
    private final Lines log = new Lines();

    @BeforeEach
    void settings() {
        Observer.EVENTS.clear();
        SCHEDULER_LOG.addHandler(log);
        System.setProperty(dev.custos.jpa.CustosSetting.SWEEP_INITIAL_DELAY.key(), "PT2S");
        System.setProperty(dev.custos.jpa.CustosSetting.SWEEP_INTERVAL.key(), "PT1H");
        // longer than any first deadline (a month and the rest of the day of receipt: up to 32 days), whatever the date
        System.setProperty(dev.custos.jpa.CustosSetting.REQUEST_WARNING.key(), "P40D");
    }

    @AfterEach
    void clear() {
        if (container != null) {
            container.close();
        }
        System.clearProperty(dev.custos.jpa.CustosSetting.SWEEP_INITIAL_DELAY.key());
        System.clearProperty(dev.custos.jpa.CustosSetting.SWEEP_INTERVAL.key());
        System.clearProperty(dev.custos.jpa.CustosSetting.REQUEST_WARNING.key());
        System.clearProperty(dev.custos.jpa.CustosSetting.SWEEP_CONFIRMED.key());
        System.clearProperty(dev.custos.jpa.CustosSetting.SWEEP_BATCH_JOB.key());
        SCHEDULER_LOG.removeHandler(log);
    }

    @Test
    void theScheduledSweepErasesWhatConsentNoLongerCoversAndWarnsOfDeadlines() throws Exception {
        System.setProperty(dev.custos.jpa.CustosSetting.SWEEP_CONFIRMED.key(), "true");
        container = CdiClinic.weld(Observer.class, Executor.class).initialize();
        EntityManagerFactory emf = container.select(EntityManagerFactory.class).get();
        CdiClinic.store(emf, "treatment", new Session(1L, "client-1", "sleeps badly"));
        ConsentService consents = container.select(ConsentService.class).get();
        consents.give("client-1", "treatment", "notice-1");
        consents.withdraw("client-1", "treatment");
        String requestId = container.select(RequestService.class).get().receive(RequestType.ACCESS, "client-1").id();

        Object first = Observer.EVENTS.poll(30, TimeUnit.SECONDS);
        Object second = Observer.EVENTS.poll(5, TimeUnit.SECONDS);
        assertThat(first).isInstanceOf(DataErased.class);
        DataErased erased = (DataErased) first;
        assertThat(erased.origin()).isEqualTo("sweep");
        assertThat(erased.erased()).isEqualTo(1);
        assertThat(second).isInstanceOfSatisfying(RequestDeadlineNear.class, near -> {
            assertThat(near.requestId()).isEqualTo(requestId);
            assertThat(near.overdue()).isFalse();
        });
        try (Connection c = container.select(DataSource.class).get().getConnection();
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT notes FROM session")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isNull();
        }
        // the first sweep of the database, confirmed: it said what it erases, per entity
        assertThat(log.lines).anyMatch(line -> line.startsWith("CUSTOS-05023") && line.contains("1 row(s) of Session"));
    }

    /**
     * With {@code custos.sweep.batch-job=true} the scheduled run starts the batch job instead of sweeping itself; here
     * the Jakarta Batch API has no runtime behind it, so the start is refused and logged, and nothing is erased
     * (liberty-tests' BatchSweepIT runs the job itself).
     */
    @Test
    void withTheBatchJobSettingTheScheduledRunStartsTheJobInsteadOfSweeping() throws Exception {
        System.setProperty(dev.custos.jpa.CustosSetting.SWEEP_CONFIRMED.key(), "true");
        System.setProperty(dev.custos.jpa.CustosSetting.SWEEP_BATCH_JOB.key(), "true");
        container = CdiClinic.weld(Observer.class, Executor.class).initialize();
        EntityManagerFactory emf = container.select(EntityManagerFactory.class).get();
        CdiClinic.store(emf, "treatment", new Session(1L, "client-1", "sleeps badly"));
        ConsentService consents = container.select(ConsentService.class).get();
        consents.give("client-1", "treatment", "notice-1");
        consents.withdraw("client-1", "treatment");

        long giveUp = System.currentTimeMillis() + 30_000;
        while (log.lines.stream().noneMatch(line -> line.contains("CUSTOS-05101"))
                && System.currentTimeMillis() < giveUp) {
            Thread.sleep(100);
        }
        assertThat(log.lines).anyMatch(line -> line.contains("CUSTOS-05101"));
        assertThat(Observer.EVENTS).noneMatch(DataErased.class::isInstance);
        try (Connection c = container.select(DataSource.class).get().getConnection();
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT notes FROM session")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("sleeps badly");
        }
    }

    @Test
    void onADatabaseNeverSweptTheScheduledSweepOnlyReportsUntilConfirmed() throws Exception {
        container = CdiClinic.weld(Observer.class, Executor.class).initialize();
        EntityManagerFactory emf = container.select(EntityManagerFactory.class).get();
        CdiClinic.store(emf, "treatment", new Session(1L, "client-1", "sleeps badly"));
        CdiClinic.store(emf, new Enquiry(5L, "client-5", LocalDateTime.now().minusDays(2), "please call"));
        ConsentService consents = container.select(ConsentService.class).get();
        consents.give("client-1", "treatment", "notice-1");
        consents.withdraw("client-1", "treatment");
        RequestService requests = container.select(RequestService.class).get();
        String requestId = requests.receive(RequestType.ERASURE, "client-5").id();
        requests.verifyIdentity(requestId);
        requests.erase(requestId); // the enquiry is left to a person's decision

        Object first = Observer.EVENTS.poll(30, TimeUnit.SECONDS);

        // no DataErased: the due session notes are reported, not erased; the deadline warning counts the line
        assertThat(first).isInstanceOfSatisfying(RequestDeadlineNear.class, near -> {
            assertThat(near.requestId()).isEqualTo(requestId);
            assertThat(near.undecided()).isEqualTo(1);
        });
        try (Connection c = container.select(DataSource.class).get().getConnection();
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT notes FROM session")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("sleeps badly");
        }
        assertThat(log.lines).anyMatch(line -> line.startsWith("CUSTOS-05022") && line.contains("erase 1 row(s)"));
        assertThat(log.lines).anyMatch(line -> line.startsWith("CUSTOS-04633") && line.contains("Session"));
        assertThat(log.lines).anyMatch(line -> line.startsWith("CUSTOS-05024") && line.contains(requestId));
        assertThat(log.lines).noneMatch(line -> line.contains("sleeps badly") || line.contains("client-"));
        assertThat(container.select(RetentionService.class).get().everSwept()).isFalse();
    }
}
