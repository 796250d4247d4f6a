// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.custos.core.CustosException;
import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.LoggerCapture;
import dev.custos.jpa.testing.ProviderMatrix;
import dev.custos.jpa.testing.TestDatabase;
import dev.custos.jpa.testmodel.Client;
import dev.custos.jpa.testmodel.Questionnaire;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * A refused read leaves one line in the log, at the level the unit's {@code custos.log.refusals} chooses, and the
 * JPA provider does not log the refusal as a warning of its own (EclipseLink logged every refusal leaving a query
 * at WARNING, which Liberty prints as CWWJP9991W with the refusal's text). The caller still gets the
 * {@link AccessRefusedException} itself.
 */
class RefusalLogTest {

    private static final String REFUSALS = "dev.custos.jpa.access.refusals";

    @ProviderMatrix
    void aRefusedReadIsLoggedOnceAtInfoAndNotByTheProvider(JpaUnit unit) throws Exception {
        try (Unit u = new Unit(unit, Map.of()); LoggerCapture refusals = new LoggerCapture(REFUSALS);
             LoggerCapture provider = new LoggerCapture("org.eclipse.persistence", "org.hibernate")) {
            EntityManager em = u.emf.createEntityManager();
            try {
                Throwable byId = catchThrowable(() -> em.find(Questionnaire.class, 1L));
                assertThat(byId).isInstanceOf(AccessRefusedException.class);
                Throwable byQuery = catchThrowable(() -> em.createQuery("SELECT q FROM Questionnaire q",
                        Questionnaire.class).getResultList());
                // EclipseLink's getResultList wraps what is not a PersistenceException; nothing else may be between
                Throwable refusal = byQuery instanceof AccessRefusedException ? byQuery : byQuery.getCause();
                assertThat(refusal).as("%s", byQuery).isInstanceOf(AccessRefusedException.class);
            } finally {
                em.close();
            }

            assertThat(refusals.records()).hasSize(2).allSatisfy(r -> {
                assertThat(r.getLevel()).isEqualTo(Level.INFO);
                assertThat(r.getMessage()).startsWith("CUSTOS-04409: ").endsWith("(reason CUSTOS-04410)");
            });
            assertThat(provider.records()).noneMatch(r -> String.valueOf(r.getMessage()).contains("CUSTOS-")
                    || r.getThrown() instanceof AccessRefusedException);
        }
    }

    @ProviderMatrix
    void theUnitChoosesTheLevelOrSilence(JpaUnit unit) throws Exception {
        try (Unit u = new Unit(unit, Map.of("custos.log.refusals", "warning"));
             LoggerCapture refusals = new LoggerCapture(REFUSALS)) {
            u.refusedRead();
            assertThat(refusals.records()).singleElement().extracting(LogRecord::getLevel).isEqualTo(Level.WARNING);
        }
        try (Unit u = new Unit(unit, Map.of("custos.log.refusals", "OFF"));
             LoggerCapture refusals = new LoggerCapture(REFUSALS)) {
            u.refusedRead();
            assertThat(refusals.records()).isEmpty();
        }
    }

    @ProviderMatrix
    void anUnknownLevelStopsTheStart(JpaUnit unit) throws Exception {
        try (TestDatabase db = TestDatabase.empty(unit.database())) {
            EntityManagerFactory emf = unit.open(db, Map.of("custos.pack", "dk", "custos.log.refusals", "loud"));
            try {
                CustosException e = catchThrowableOfType(CustosException.class,
                        () -> CustosJpa.start(unit.unitName(), emf, db.dataSource(), Clock.systemUTC()));
                assertThat(e.messageId()).isEqualTo("CUSTOS-04440");
                assertThat(((dev.custos.core.CustosDefinitionException) e).hasProblem("CUSTOS-04490")).isTrue();
                assertThat(e.getMessage()).contains("custos.log.refusals=\"loud\"");
            } finally {
                emf.close();
            }
        }
    }

    /** A started unit with a client and a consent-based questionnaire, read under no purpose. */
    private static final class Unit implements AutoCloseable {
        final TestDatabase db;
        final EntityManagerFactory emf;

        Unit(JpaUnit unit, Map<String, String> settings) {
            db = TestDatabase.empty(unit.database());
            Map<String, String> properties = new HashMap<>(settings);
            properties.put("custos.pack", "dk");
            properties.put("eclipselink.logging.logger", "JavaLogger"); // EclipseLink's log into java.util.logging
            emf = unit.open(db, properties);
            CustosJpa.start(unit.unitName(), emf, db.dataSource(), Clock.systemUTC());
            try (ProcessingContext.Scope intake = ProcessingContext.open("treatment", "reception")) {
                JpaUnit.inTransaction(emf, em -> {
                    em.persist(new Client("c1", "Ada Lund", "ada@example.org", LocalDate.of(2024, 5, 1)));
                    em.persist(new Questionnaire(1L, "c1", "sleeps badly"));
                });
            }
        }

        void refusedRead() {
            EntityManager em = emf.createEntityManager();
            try {
                assertThat(catchThrowable(() -> em.find(Questionnaire.class, 1L)))
                        .isInstanceOf(AccessRefusedException.class);
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
}
