// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.request;

import dev.custos.core.consent.ConsentEvent;
import dev.custos.core.request.DataSubjectRequest;
import dev.custos.core.request.RequestType;
import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.access.ProcessingContext;
import dev.custos.jpa.internal.ProjectionGuard;
import dev.custos.jpa.internal.store.ConsentLedger;
import dev.custos.jpa.internal.store.SubjectKeys;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.TestDatabase;
import dev.custos.jpa.testmodel.Client;
import dev.custos.jpa.testmodel.JournalEntry;
import dev.custos.jpa.testmodel.Questionnaire;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One provider on one fresh database under the "dk" pack (or another with its rules), with Custos started on a
 * clock the test can move, two clients (c1 Ada, c2 Bo) each with a journal entry and a questionnaire, and c1's
 * consent to the newsletter and to research.
 */
final class RequestFixture implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    /** A clock the test moves forward, as time passes for a real controller. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void moveTo(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final TestDatabase db;
    final EntityManagerFactory emf;
    final MovableClock clock = new MovableClock(NOW);
    final CustosRuntime runtime;
    final RequestExecutor executor;

    RequestFixture(JpaUnit unit) throws SQLException {
        this(unit, "dk");
    }

    /** The same data under another pack, which must have the dk rules the test model names. */
    RequestFixture(JpaUnit unit, String pack) throws SQLException {
        db = TestDatabase.empty(unit.database());
        emf = unit.open(db, Map.of("custos.pack", pack));
        runtime = CustosJpa.start(unit.unitName(), emf, db.dataSource(), clock);
        executor = new RequestExecutor(runtime);
        try (ProcessingContext.Scope scope = ProcessingContext.open("treatment", "reception")) {
            JpaUnit.inTransaction(emf, em -> {
                Client ada = new Client("c1", "Ada Lund", "ada@example.org", LocalDate.of(2025, 5, 1));
                Client bo = new Client("c2", "Bo Berg", "bo@example.org", LocalDate.of(2025, 5, 1));
                em.persist(ada);
                em.persist(bo);
                em.persist(new JournalEntry(ada, LocalDate.of(2025, 6, 1), "Ada sleeps badly"));
                em.persist(new JournalEntry(bo, LocalDate.of(2025, 6, 1), "Bo talked about work"));
                em.persist(new Questionnaire(1L, "c1", "Ada answers"));
                em.persist(new Questionnaire(2L, "c2", "Bo answers"));
            });
        }
        consent(ConsentEvent.given("c1", "newsletter", NOW.minus(Duration.ofDays(60)), "notice-1"));
        consent(ConsentEvent.given("c1", "research", NOW.minus(Duration.ofDays(60)), "notice-1"));
    }

    void consent(ConsentEvent event) throws SQLException {
        try (Connection c = db.transaction()) {
            new ConsentLedger(new SubjectKeys(clock), clock).record(c, event, "test");
            c.commit();
        }
    }

    /** A request of {@code type} for {@code subject}, received now, identity verified. */
    DataSubjectRequest verified(RequestType type, String subject) {
        DataSubjectRequest received = executor.receive(type, subject, clock.instant());
        return executor.verifyIdentity(received.id(), "front-desk");
    }

    /** Reads c1's questionnaire as a researcher would: through the entity manager, under the research purpose. */
    Questionnaire readQuestionnaire(long id) {
        try (ProcessingContext.Scope scope = ProcessingContext.open("research", "dr.berg")) {
            EntityManager em = emf.createEntityManager();
            try {
                return em.find(Questionnaire.class, id);
            } finally {
                em.close();
            }
        }
    }

    /** Reads every questionnaire with one query under the research purpose, and returns their answers by id. */
    List<String> readAllQuestionnaires() {
        try (ProcessingContext.Scope scope = ProcessingContext.open("research", "dr.berg")) {
            EntityManager em = emf.createEntityManager();
            try {
                return em.createQuery("SELECT q FROM Questionnaire q ORDER BY q.id", Questionnaire.class)
                        .getResultList().stream().map(q -> q.answers).toList();
            } finally {
                em.close();
            }
        }
    }

    /** Audit rows of a chain as "ACTION OUTCOME entity fields purpose", in order. */
    List<String> audit(int chain) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT action, outcome, COALESCE(entity_name, ''),"
                     + " COALESCE(field_names, ''), COALESCE(purpose, '')"
                     + " FROM custos_audit_record WHERE chain_id = " + chain + " ORDER BY record_seq")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " "
                        + rs.getString(4) + " " + rs.getString(5));
            }
        }
        return rows;
    }

    /**
     * The single value a JPQL projection returns, read without the access guard: as Custos' own query, since
     * projections of guarded data are refused to everybody else (CUSTOS-04428).
     */
    Object value(String jpql) {
        EntityManager em = emf.createEntityManager();
        try {
            List<?> values = ProjectionGuard.ownResults(em.createQuery(jpql));
            if (values.size() != 1) {
                throw new IllegalStateException(jpql + " returned " + values.size() + " values");
            }
            return values.get(0);
        } finally {
            em.close();
        }
    }

    @Override
    public void close() throws Exception {
        emf.close();
        db.close();
    }
}
