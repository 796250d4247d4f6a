// SPDX-License-Identifier: Apache-2.0
package dev.custos.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.CustosException;
import dev.custos.core.consent.ConsentEvent;
import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.access.ProcessingContext;
import dev.custos.jpa.consent.ConsentRegistry;
import dev.custos.jpa.store.ConsentLedger;
import dev.custos.jpa.store.SubjectKeys;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.SwitchableDataSource;
import dev.custos.jpa.testing.TestDatabase;
import dev.custos.jpa.testmodel.Client;
import dev.custos.jpa.testmodel.Questionnaire;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Scenario 4 of issue #8: the consent ledger or the audit table cannot be used, on PostgreSQL with both
 * providers: connections to Custos' data source refused, a table locked by another transaction (lock timeout),
 * and a statement that runs into the statement timeout. Under each, a read of consent-based data (the
 * questionnaire, with consent given), a business write (a new client, audited in its transaction) and a consent
 * change are tried. Fail-open is a read that returns the data, or a write or consent change that commits
 * without its audit record or ledger row.
 */
class OutageTest {

    private enum Outage {
        CONNECTION_REFUSED("-c lock_timeout=1000", List.of()),
        LEDGER_LOCKED("-c lock_timeout=1000", List.of("custos_consent_event")),
        AUDIT_LOCKED("-c lock_timeout=1000", List.of("custos_audit_record", "custos_audit_head")),
        STATEMENT_TIMEOUT("-c statement_timeout=1500", List.of("custos_consent_event", "custos_audit_record",
                "custos_audit_head"));

        final String options;
        final List<String> locked;

        Outage(String options, List<String> locked) {
            this.options = options;
            this.locked = locked;
        }
    }

    @Test
    void noOutageLetsAReadOrAWriteThroughUnrecorded() throws Exception {
        int failOpen = 0;
        int cases = 0;
        List<String> outcomes = new ArrayList<>();
        for (JpaUnit.Provider provider : JpaUnit.Provider.values()) {
            for (Outage outage : Outage.values()) {
                try (TestDatabase db = TestDatabase.empty(TestDatabase.POSTGRESQL)) {
                    String url = db.url() + "&options=" + URLEncoder.encode(outage.options, StandardCharsets.UTF_8);
                    JpaUnit unit = new JpaUnit(provider, db.name());
                    EntityManagerFactory emf = unit.open(db, Map.of("custos.pack", "dk",
                            "jakarta.persistence.jdbc.url", url));
                    PGSimpleDataSource pg = new PGSimpleDataSource();
                    pg.setUrl(url);
                    pg.setUser("postgres");
                    SwitchableDataSource custos = new SwitchableDataSource(pg);
                    try {
                        CustosRuntime runtime = CustosJpa.start(unit.unitName(), emf, custos, Clock.systemUTC());
                        JpaUnit.inTransaction(emf, em -> em.persist(new Questionnaire(1L, "c1", "sleeps badly")));
                        try (Connection c = db.transaction()) {
                            new ConsentLedger(new SubjectKeys()).record(c, ConsentEvent.given("c1", "research",
                                    Instant.now().minusSeconds(60), "n1"), "test");
                            c.commit();
                        }
                        String[] results = new String[3];
                        try (Connection locker = db.transaction(); Statement s = locker.createStatement()) {
                            for (String table : outage.locked) {
                                s.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
                            }
                            if (outage == Outage.CONNECTION_REFUSED) {
                                custos.goDown();
                            }
                            results[0] = attempt(() -> read(emf));
                            results[1] = attempt(() -> write(emf));
                            results[2] = attempt(() -> new ConsentRegistry(runtime).withdraw("c1", "research",
                                    "reception"));
                            locker.rollback();
                        }
                        int open = (results[0].equals("ok") ? 1 : 0)
                                + (count(db, "SELECT COUNT(*) FROM Client") > count(db, "SELECT COUNT(*) FROM"
                                + " custos_audit_record WHERE action = 'CREATE' AND entity_name = 'Client'") ? 1 : 0)
                                + (count(db, "SELECT COUNT(*) FROM custos_consent_event WHERE event_type = 'WITHDRAWN'")
                                > count(db, "SELECT COUNT(*) FROM custos_audit_record WHERE action"
                                + " = 'CONSENT_WITHDRAWN'") ? 1 : 0);
                        failOpen += open;
                        cases += 3;
                        outcomes.add(provider + " " + outage + ": read " + results[0] + ", write " + results[1]
                                + ", withdraw " + results[2] + (open > 0 ? " FAIL-OPEN " + open : ""));
                    } finally {
                        emf.close();
                    }
                }
            }
        }
        outcomes.forEach(System.out::println);
        Sizes.result("fail_open=" + failOpen + " cases=" + cases);
        assertThat(failOpen).isZero();
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

    /** "ok", or the first Custos message id (else SQL state) in the failure's causes. */
    private static String attempt(Runnable work) {
        try {
            work.run();
            return "ok";
        } catch (RuntimeException e) {
            String state = e.getClass().getSimpleName();
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof CustosException custos) {
                    return "refused " + custos.messageId();
                }
                if (t instanceof SQLException sql && sql.getSQLState() != null) {
                    state = "SQLState " + sql.getSQLState();
                }
            }
            return "failed " + state;
        }
    }

    private static long count(TestDatabase db, String sql) throws SQLException {
        return ClientRows.count(db, sql);
    }
}
