// SPDX-License-Identifier: Apache-2.0
package dev.custos.docs;

import dev.custos.core.consent.ConsentEvidence;
import dev.custos.core.request.RequestType;
import dev.custos.core.retention.LegalHold;
import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.access.ProcessingContext;
import dev.custos.jpa.consent.ConsentRegistry;
import dev.custos.jpa.request.RequestExecutor;
import dev.custos.jpa.retention.RetentionSweeper;
import dev.custos.jpa.retention.SweepReport;
import dev.custos.jpa.internal.store.LegalHoldStore;
import dev.custos.jpa.internal.store.SubjectKeys;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.TestDatabase;
import dev.custos.jpa.testmodel.Client;
import dev.custos.jpa.testmodel.JournalEntry;
import dev.custos.jpa.testmodel.Questionnaire;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The history the auditor guide's queries are asked about, written by the real SDK under the Danish pack on a
 * clock the scenario moves: three clients of a clinic from November 2023 to March 2025.
 * <ul>
 * <li>Ada (c1): her journal is read by dr.ask in 2023 and by dr.holm and dr.lund in 2024; she consents to the
 * newsletter and to research in June 2024 and withdraws both by a request on 20 January 2025, which erases her
 * e-mail address and questionnaire answers; her journal (last entry 1 June 2019) is erased by the sweep of
 * 15 February 2025 under the rule {@code journal}.</li>
 * <li>Bo (c2): his journal, as old as Ada's, is read by dr.holm in 2024 and kept by a legal hold placed on
 * 10 January 2025 for a pending complaint; his access request of 1 November 2024 is answered two weeks after
 * its deadline, and he has his data restricted on 12 January 2025.</li>
 * <li>Cy (c3): asks for access on 5 January 2025; the request is never answered, so its deadline
 * (5 February 2025) has passed.</li>
 * </ul>
 */
final class AuditScenario implements AutoCloseable {

    static final Instant START = Instant.parse("2023-11-01T09:00:00Z");
    static final Instant SWEEP = Instant.parse("2025-02-15T02:00:00Z");
    /** When the auditor asks. */
    static final Instant NOW = Instant.parse("2025-03-03T10:00:00Z");

    static final String BO_ACCESS = "dsr-2024-0042";
    static final String CY_ACCESS = "dsr-2025-0001";
    static final String BO_RESTRICTION = "dsr-2025-0002";
    static final String ADA_WITHDRAWAL = "dsr-2025-0003";

    final TestDatabase db;
    final EntityManagerFactory emf;
    final MovableClock clock = new MovableClock(START);
    final CustosRuntime runtime;
    final RequestExecutor requests;
    long adaJournal;
    long boJournal;
    SweepReport sweep;

    /** The history on a new database, with Custos creating its tables. */
    AuditScenario(String database) throws SQLException {
        this(TestDatabase.empty(database), null);
    }

    /**
     * The history on {@code db}, whose Custos tables exist already, written by the application as database
     * user {@code user} with schema migration off (null: as the database's own user, migrating).
     */
    AuditScenario(TestDatabase db, String user) throws SQLException {
        this.db = db;
        JpaUnit unit = new JpaUnit(JpaUnit.Provider.HIBERNATE, db.name());
        Map<String, Object> properties = new HashMap<>(Map.of("custos.pack", "dk"));
        DataSource dataSource = db.dataSource();
        if (user != null) {
            properties.put("jakarta.persistence.jdbc.user", user);
            properties.put("custos.schema.migrate", "false");
            dataSource = connectingAs(db, user);
        }
        emf = unit.open(db, properties);
        runtime = CustosJpa.start(unit.unitName(), emf, dataSource, clock);
        requests = new RequestExecutor(runtime);
        play();
    }

    /** A data source handing out new connections of {@code user} (no password: the test server trusts). */
    static DataSource connectingAs(TestDatabase db, String user) {
        return (DataSource) Proxy.newProxyInstance(AuditScenario.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getConnection" -> DriverManager.getConnection(db.url(), user, "");
                    case "toString" -> "connections of " + user;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private void play() throws SQLException {
        try (ProcessingContext.Scope scope = ProcessingContext.open("treatment", "reception")) {
            JpaUnit.inTransaction(emf, em -> {
                Client ada = new Client("c1", "Ada Lund", "ada@example.org", LocalDate.of(2024, 12, 1));
                Client bo = new Client("c2", "Bo Berg", "bo@example.org", LocalDate.of(2024, 12, 1));
                Client cy = new Client("c3", "Cy Dahl", "cy@example.org", LocalDate.of(2024, 12, 1));
                em.persist(ada);
                em.persist(bo);
                em.persist(cy);
                JournalEntry adas = new JournalEntry(ada, LocalDate.of(2019, 6, 1), "Ada sleeps badly");
                JournalEntry bos = new JournalEntry(bo, LocalDate.of(2019, 6, 1), "Bo talked about work");
                em.persist(adas);
                em.persist(bos);
                em.persist(new Questionnaire(1L, "c1", "Ada answers"));
                em.flush();
                adaJournal = adas.id;
                boJournal = bos.id;
            });
        }
        read("dr.ask", adaJournal, "2023-12-01T10:00:00Z");
        read("dr.holm", adaJournal, "2024-03-10T10:00:00Z");
        read("dr.holm", boJournal, "2024-04-02T10:00:00Z");
        read("dr.lund", adaJournal, "2024-05-20T10:00:00Z");

        clock.moveTo(Instant.parse("2024-06-01T12:00:00Z"));
        ConsentRegistry consents = new ConsentRegistry(runtime);
        consents.give("c1", "newsletter", "notice-1", ConsentEvidence.of(ConsentEvidence.Form.ELECTRONIC,
                "signup-form-v2", LocalDate.of(2024, 6, 1)).withAgeAtLeast(18), "portal");
        consents.give("c1", "research", "notice-1", "portal");

        clock.moveTo(Instant.parse("2024-11-01T09:00:00Z"));
        requests.receive(BO_ACCESS, RequestType.ACCESS, "c2", clock.instant());
        requests.verifyIdentity(BO_ACCESS, "front-desk");
        clock.moveTo(Instant.parse("2024-12-15T09:00:00Z")); // two weeks after the deadline
        requests.exportAccess(BO_ACCESS);

        clock.moveTo(Instant.parse("2025-01-05T09:00:00Z"));
        requests.receive(CY_ACCESS, RequestType.ACCESS, "c3", clock.instant());
        requests.verifyIdentity(CY_ACCESS, "front-desk");

        clock.moveTo(Instant.parse("2025-01-10T09:00:00Z"));
        try (Connection c = db.transaction()) {
            new LegalHoldStore().place(c, "c2", Optional.of("JournalEntry"), Optional.empty(),
                    new LegalHold("hold-2025-17", "complaint-pending", clock.instant(), Optional.empty(),
                            "legal-dept", "Complaint to the board, case 2025-17"));
            c.commit();
        }

        clock.moveTo(Instant.parse("2025-01-12T09:00:00Z"));
        requests.receive(BO_RESTRICTION, RequestType.RESTRICTION, "c2", clock.instant());
        requests.verifyIdentity(BO_RESTRICTION, "front-desk");
        requests.restrict(BO_RESTRICTION);

        clock.moveTo(Instant.parse("2025-01-20T09:00:00Z"));
        requests.receive(ADA_WITHDRAWAL, RequestType.CONSENT_WITHDRAWAL, "c1", clock.instant());
        requests.verifyIdentity(ADA_WITHDRAWAL, "front-desk");
        clock.moveTo(Instant.parse("2025-01-20T09:30:00Z"));
        requests.withdrawConsent(ADA_WITHDRAWAL, Set.of("newsletter", "research"));

        clock.moveTo(SWEEP);
        sweep = new RetentionSweeper(runtime).sweep();

        clock.moveTo(NOW);
    }

    private void read(String clinician, long journal, String at) {
        clock.moveTo(Instant.parse(at));
        try (ProcessingContext.Scope scope = ProcessingContext.open("treatment", clinician)) {
            EntityManager em = emf.createEntityManager();
            try {
                em.find(JournalEntry.class, journal);
            } finally {
                em.close();
            }
        }
    }


    /** The subject's pseudonym, as the SDK computes it. */
    String pseudonym(String subjectId) throws SQLException {
        try (Connection c = db.connect()) {
            return new SubjectKeys(clock).existingPseudonym(c, subjectId).orElseThrow();
        }
    }

    @Override
    public void close() throws SQLException {
        emf.close();
        db.close();
    }

    /** A clock the scenario moves forward, as time passes for a real clinic. */
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
}
