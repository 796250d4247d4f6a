// SPDX-License-Identifier: Apache-2.0
package dev.custos.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.CustosException;
import dev.custos.core.Message;
import dev.custos.core.consent.ConsentEvent;
import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.access.AccessRefusedException;
import dev.custos.jpa.access.ProcessingContext;
import dev.custos.jpa.consent.ConsentRegistry;
import dev.custos.jpa.internal.store.ConsentLedger;
import dev.custos.jpa.internal.store.SubjectKeys;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.TestDatabase;
import dev.custos.jpa.testmodel.Client;
import dev.custos.jpa.testmodel.Questionnaire;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Scenario 4 of issue #8: Custos' tables become unreachable in the middle of work, on PostgreSQL with both
 * providers. Four outages, each in a fresh schema with the questionnaire's consent given:
 * <ul>
 * <li>{@code TERMINATED_READ}: a read of the consent-based questionnaire is held at its consent look-up (the ledger
 * is locked by another transaction), and each backend waiting there is terminated with
 * {@code pg_terminate_backend} until the read ends; then the lock is released;</li>
 * <li>{@code TERMINATED_WRITE}: a new client (a business write, audited in its transaction) is held at its audit
 * append (the audit head is locked), and its backend terminated;</li>
 * <li>{@code TERMINATED_COMMIT}: a consent withdrawal is held in its COMMIT (a deferred constraint trigger this
 * test adds waits for an advisory lock the test holds), and its backend terminated;</li>
 * <li>{@code PROXY_DROPPED}: Custos' data source reaches PostgreSQL through a {@link TcpProxy}, which drops every
 * connection and refuses new ones; then the read, the write and the withdrawal are tried.</li>
 * </ul>
 * Each operation must fail closed with the message id expected for it ({@link #EXPECTED}), and none may leave the
 * data read, a client stored without its {@code CREATE} audit, or a withdrawal stored without its audit.
 */
class OutageTest {

    private enum Outage {
        TERMINATED_READ, TERMINATED_WRITE, TERMINATED_COMMIT, PROXY_DROPPED
    }

    /**
     * The outcome expected per outage and operation, the same on both providers: the exception's id, then for a
     * refused read the reasons' ids.
     */
    private static final Map<String, String> EXPECTED = Map.of(
            "TERMINATED_READ read", "refused CUSTOS-04409 [CUSTOS-02006]",
            "TERMINATED_WRITE write", "failed CUSTOS-04414",
            "TERMINATED_COMMIT withdraw", "failed CUSTOS-04425",
            "PROXY_DROPPED read", "refused CUSTOS-04409 [CUSTOS-04417]",
            "PROXY_DROPPED write", "failed CUSTOS-04414",
            "PROXY_DROPPED withdraw", "failed CUSTOS-04425");

    @Test
    void everyOutageFailsClosedWithItsId() throws Exception {
        int failOpen = 0;
        int cases = 0;
        List<String> outcomes = new ArrayList<>();
        Map<String, String> actual = new LinkedHashMap<>();
        Map<String, String> expected = new LinkedHashMap<>();
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            for (JpaUnit.Provider provider : JpaUnit.Provider.values()) {
                for (Outage outage : Outage.values()) {
                    try (TestDatabase db = TestDatabase.empty(TestDatabase.POSTGRESQL);
                         TcpProxy proxy = new TcpProxy("127.0.0.1", 5432)) {
                        String url = outage == Outage.PROXY_DROPPED
                                ? db.url().replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/") : db.url();
                        JpaUnit unit = new JpaUnit(provider, db.name());
                        EntityManagerFactory emf = unit.open(db, Map.of("custos.pack", "dk"));
                        try {
                            CustosRuntime runtime = CustosJpa.start(unit.unitName(), emf, SweepNode.dataSource(url),
                                    Clock.systemUTC());
                            try (ProcessingContext.Scope scope = ProcessingContext.open("research", "dr.berg")) {
                                JpaUnit.inTransaction(emf, em -> em.persist(new Questionnaire(1L, "c1", "sleeps badly")));
                            }
                            try (Connection c = db.transaction()) {
                                new ConsentLedger(new SubjectKeys()).record(c, ConsentEvent.given("c1", "research",
                                        Instant.now().minusSeconds(60), "n1"), "test");
                                c.commit();
                            }
                            Map<String, Runnable> work = new LinkedHashMap<>();
                            work.put("read", () -> read(emf));
                            work.put("write", () -> write(emf));
                            work.put("withdraw", () -> new ConsentRegistry(runtime).withdraw("c1", "research",
                                    "reception"));
                            Map<String, String> results = new LinkedHashMap<>();
                            switch (outage) {
                                case TERMINATED_READ -> results.put("read", terminated(db, worker, work.get("read"),
                                        "LOCK TABLE custos_consent_event IN ACCESS EXCLUSIVE MODE",
                                        "wait_event_type = 'Lock' AND query ILIKE '%custos_consent_event%'"));
                                case TERMINATED_WRITE -> results.put("write", terminated(db, worker,
                                        work.get("write"), "LOCK TABLE custos_audit_head IN ACCESS EXCLUSIVE MODE",
                                        "wait_event_type = 'Lock' AND query ILIKE '%custos_audit_head%'"));
                                case TERMINATED_COMMIT -> {
                                    holdCommitsOfTheLedger(db);
                                    results.put("withdraw", terminated(db, worker, work.get("withdraw"),
                                            "SELECT pg_advisory_xact_lock(4242)",
                                            "wait_event = 'advisory' AND query ILIKE 'COMMIT%'"));
                                }
                                default -> {
                                    proxy.drop();
                                    work.forEach((name, job) -> results.put(name, attempt(job)));
                                }
                            }
                            int open = (count(db, "SELECT COUNT(*) FROM Client") > count(db, "SELECT COUNT(*) FROM"
                                    + " custos_audit_record WHERE action = 'CREATE' AND entity_name = 'Client'") ? 1 : 0)
                                    + (count(db, "SELECT COUNT(*) FROM custos_consent_event WHERE event_type"
                                    + " = 'WITHDRAWN'") > count(db, "SELECT COUNT(*) FROM custos_audit_record WHERE"
                                    + " action = 'CONSENT_WITHDRAWN'") ? 1 : 0)
                                    + (results.getOrDefault("read", "").equals("ok") ? 1 : 0);
                            failOpen += open;
                            cases += results.size();
                            results.forEach((name, result) -> {
                                actual.put(provider + " " + outage + " " + name, result);
                                expected.put(provider + " " + outage + " " + name, EXPECTED.get(outage + " " + name));
                            });
                            outcomes.add(provider + " " + outage + ": " + results + (open > 0 ? " FAIL-OPEN " + open
                                    : ""));
                        } finally {
                            emf.close();
                        }
                    }
                }
            }
        } finally {
            worker.shutdownNow();
        }
        outcomes.forEach(System.out::println);
        long wrongIds = actual.entrySet().stream().filter(e -> !e.getValue().equals(expected.get(e.getKey())))
                .count();
        Sizes.result("fail_open=" + failOpen + " cases=" + cases + " wrong_ids=" + wrongIds);
        assertThat(failOpen).isZero();
        assertThat(actual).containsExactlyEntriesOf(expected);
    }

    /**
     * Runs {@code work} on {@code worker} while another transaction holds what {@code lock} takes; every backend of
     * this schema's database that comes to wait as {@code waiting} says (in {@code pg_stat_activity}) is terminated
     * with {@code pg_terminate_backend}, until the work ends; then the lock is released. So the outage lasts the
     * whole operation: a look-up Custos retries on a new connection (EclipseLink's look-up of a result's consents
     * falls back to one per row) is terminated too. Returns the work's outcome.
     */
    private static String terminated(TestDatabase db, ExecutorService worker, Runnable work, String lock,
                                     String waiting) throws Exception {
        Future<String> outcome;
        int terminations = 0;
        try (Connection locker = db.transaction(); Connection admin = db.connect()) {
            int lockerPid = pid(locker);
            try (Statement s = locker.createStatement()) {
                s.execute(lock);
            }
            outcome = worker.submit(() -> attempt(work));
            for (int polls = 0; !outcome.isDone(); polls++) {
                assertThat(polls).as("the work did not end under " + lock).isLessThan(6000);
                List<Integer> victims = new ArrayList<>();
                try (PreparedStatement find = admin.prepareStatement("SELECT pid, query FROM pg_stat_activity WHERE"
                        + " datname = current_database() AND pid <> ? AND pid <> pg_backend_pid() AND " + waiting)) {
                    find.setInt(1, lockerPid);
                    try (ResultSet rs = find.executeQuery()) {
                        while (rs.next()) {
                            victims.add(rs.getInt(1));
                            System.out.println("terminating backend " + rs.getInt(1) + ", waiting in: "
                                    + rs.getString(2));
                        }
                    }
                }
                for (int victim : victims) {
                    try (PreparedStatement kill = admin.prepareStatement("SELECT pg_terminate_backend(?)")) {
                        kill.setInt(1, victim);
                        try (ResultSet rs = kill.executeQuery()) {
                            terminations += rs.next() && rs.getBoolean(1) ? 1 : 0;
                        }
                    }
                }
                Thread.sleep(10);
            }
            locker.rollback();
        }
        assertThat(terminations).as("backends terminated while waiting on " + lock).isPositive();
        return outcome.get(1, TimeUnit.MINUTES);
    }

    /** A deferred constraint trigger on the ledger that makes each COMMIT writing to it wait for lock 4242. */
    private static void holdCommitsOfTheLedger(TestDatabase db) throws SQLException {
        try (Connection c = db.transaction(); Statement s = c.createStatement()) {
            s.execute("CREATE FUNCTION test_wait_at_commit() RETURNS trigger LANGUAGE plpgsql AS"
                    + " $$ BEGIN PERFORM pg_advisory_xact_lock(4242); RETURN NULL; END $$");
            s.execute("CREATE CONSTRAINT TRIGGER test_wait_at_commit AFTER INSERT ON custos_consent_event"
                    + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_wait_at_commit()");
            c.commit();
        }
    }

    private static int pid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void read(EntityManagerFactory emf) {
        try (ProcessingContext.Scope scope = ProcessingContext.open("research", "dr.berg")) {
            EntityManager em = emf.createEntityManager();
            try {
                if (!"sleeps badly".equals(em.find(Questionnaire.class, 1L).answers)) {
                    throw new IllegalStateException("read returned no data");
                }
            } finally {
                em.close();
            }
        }
    }

    private static void write(EntityManagerFactory emf) {
        try (ProcessingContext.Scope scope = ProcessingContext.open("treatment", "reception")) {
            JpaUnit.inTransaction(emf, em -> em.persist(new Client("c9", "Eve Holm", null, LocalDate.of(2025, 1, 1))));
        }
    }

    /**
     * "ok"; "refused" with the refusal's id and its reasons' ids; "failed" with the first Custos message id in the
     * failure's causes; else "failed" with the exception (and SQL state).
     */
    private static String attempt(Runnable work) {
        try {
            work.run();
            return "ok";
        } catch (RuntimeException e) {
            String state = e.getClass().getSimpleName();
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof AccessRefusedException refused) {
                    return "refused " + refused.messageId() + " "
                            + refused.reasons().stream().map(Message::code).toList();
                }
                if (t instanceof CustosException custos) {
                    return "failed " + custos.messageId();
                }
                if (t instanceof SQLException sql && sql.getSQLState() != null) {
                    state += " SQLState " + sql.getSQLState();
                }
            }
            return "failed " + state;
        }
    }

    private static long count(TestDatabase db, String sql) throws SQLException {
        return ClientRows.count(db, sql);
    }
}
