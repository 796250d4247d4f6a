// SPDX-License-Identifier: Apache-2.0
package dev.custos.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.consent.ConsentEvidence;
import dev.custos.core.request.RequestState;
import dev.custos.core.request.RequestType;
import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.access.ProcessingContext;
import dev.custos.jpa.consent.ConsentRegistry;
import dev.custos.jpa.request.Correction;
import dev.custos.jpa.request.RequestExecutor;
import dev.custos.jpa.retention.RetentionSweeper;
import dev.custos.jpa.retention.SweepReport;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.PlantedValues;
import dev.custos.jpa.testing.TestDatabase;
import dev.custos.jpa.testmodel.Client;
import dev.custos.jpa.testmodel.Questionnaire;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue #17: Custos' evidence must not itself leak. On PostgreSQL, whose error messages quote the failing row, with
 * both providers: people with random distinctive ids, names, e-mail addresses and questionnaire answers give
 * consent themselves, read their own answers, are rectified, go through a sweep whose batches fail on a CHECK
 * constraint a DBA added behind the mapping's back, withdraw their consent and are erased in full. Then no column
 * of any custos_* table, no log record of Custos and no message Custos produced holds any planted value. People:
 * {@code custos.reliability.planted.subjects}, split between the providers; prints
 * {@code RESULT planted_values=N leaks=0}.
 */
class PlantedValuesTest {

    private final int subjects = Sizes.of("planted.subjects", 10);
    private final long seed = Long.getLong("custos.reliability.seed", System.nanoTime());

    /** A clock the test moves forward. */
    private static final class MovingClock extends Clock {
        private volatile Instant now = Instant.parse("2026-03-02T10:00:00Z");

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

    @Test
    void afterFullErasureNoPlantedValueIsFoundAnywhere() throws Exception {
        System.out.println("planted values seed " + seed);
        Random random = new Random(seed);
        List<String> planted = new ArrayList<>();
        List<String> leaks = new ArrayList<>();
        for (JpaUnit.Provider provider : JpaUnit.Provider.values()) {
            List<String[]> people = new ArrayList<>();
            for (int i = 0; i < Math.max(1, subjects / 2); i++) {
                String tag = HexFormat.of().toHexDigits(random.nextLong());
                people.add(new String[] {"pv-" + tag, "Name " + tag, "mail-" + tag + "@planted.example",
                        "Answers " + tag, "Corrected " + tag});
            }
            people.forEach(p -> planted.addAll(List.of(p)));
            PlantedValues values = new PlantedValues(people.stream().flatMap(p -> List.of(p).stream()).toList());
            try (PlantedValues.LogCapture log = new PlantedValues.LogCapture();
                 TestDatabase db = TestDatabase.empty(TestDatabase.POSTGRESQL)) {
                JpaUnit unit = new JpaUnit(provider, db.name());
                // EclipseLink logs through java.util.logging, so the capture searches its records as Hibernate's
                EntityManagerFactory emf = unit.open(db, Map.of("custos.pack", "dk", "eclipselink.logging.logger",
                        "JavaLogger"));
                try {
                    MovingClock clock = new MovingClock();
                    CustosRuntime runtime = CustosJpa.start(unit.unitName(), emf, db.dataSource(), clock);
                    List<String> messages = run(runtime, emf, db, clock, people);
                    leaks.addAll(values.inMessages(messages));
                    leaks.addAll(values.inLog(log.records()));
                    try (Connection c = db.connect()) {
                        leaks.addAll(values.inTables(c));
                    }
                } finally {
                    emf.close();
                }
            }
        }
        Sizes.result("planted_values=" + planted.size() + " leaks=" + leaks.size());
        assertThat(leaks).as("planted values found").isEmpty();
    }

    /** Every path for every person; the messages Custos produced on the way. */
    private static List<String> run(CustosRuntime runtime, EntityManagerFactory emf, TestDatabase db,
                                    MovingClock clock, List<String[]> people) throws Exception {
        List<String> messages = new ArrayList<>();
        RequestExecutor executor = new RequestExecutor(runtime);
        ConsentRegistry consents = new ConsentRegistry(runtime);
        try (ProcessingContext.Scope scope = ProcessingContext.open("treatment", "reception")) {
            JpaUnit.inTransaction(emf, em -> {
                long id = 1;
                for (String[] p : people) {
                    em.persist(new Client(p[0], p[1], p[2], LocalDate.of(2025, 5, 1)));
                    em.persist(new Questionnaire(id++, p[0], p[3]));
                }
            });
        }
        long id = 1;
        for (String[] p : people) {
            consents.give(p[0], "newsletter", "notice-1", ConsentEvidence.NONE.withAgeAtLeast(18), p[0]);
            consents.give(p[0], "research", "notice-1", p[0]);
            long questionnaire = id++;
            try (ProcessingContext.Scope scope = ProcessingContext.open("research", p[0])) {
                EntityManager em = emf.createEntityManager();
                try {
                    assertThat(em.find(Questionnaire.class, questionnaire).answers).isEqualTo(p[3]);
                } finally {
                    em.close();
                }
            }
            executor.rectify(verified(executor, clock, RequestType.RECTIFICATION, p[0]),
                    List.of(new Correction("Client", p[0], "name", p[4])));
        }
        clock.now = Instant.parse("2026-06-01T10:00:00Z");
        execute(db, "ALTER TABLE Client ADD CONSTRAINT planted_name_ck CHECK (name IS NOT NULL)");
        SweepReport failed = sweep(runtime);
        assertThat(failed.outcome()).isEqualTo(SweepReport.Outcome.COMPLETED_WITH_FAILURES);
        messages.add(failed.detail().toString());
        failed.failures().forEach(m -> messages.add(m.toString()));
        execute(db, "ALTER TABLE Client DROP CONSTRAINT planted_name_ck");
        messages.add(sweep(runtime).detail().toString());
        for (String[] p : people) {
            executor.withdrawConsent(verified(executor, clock, RequestType.CONSENT_WITHDRAWAL, p[0]), Set.of());
            assertThat(executor.erase(verified(executor, clock, RequestType.ERASURE, p[0])).request().state())
                    .isEqualTo(RequestState.COMPLETED);
        }
        return messages;
    }

    private static String verified(RequestExecutor executor, Clock clock, RequestType type, String subject) {
        String id = executor.receive(type, subject, clock.instant()).id();
        return executor.verifyIdentity(id, "front-desk").id();
    }

    private static SweepReport sweep(CustosRuntime runtime) {
        try (ProcessingContext.Scope scope = ProcessingContext.open("retention", "custos-retention-sweep")) {
            return new RetentionSweeper(runtime).sweep();
        }
    }

    private static void execute(TestDatabase db, String sql) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
