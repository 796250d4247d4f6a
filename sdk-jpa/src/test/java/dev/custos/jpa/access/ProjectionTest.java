// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.access;

import static dev.custos.jpa.testing.Refusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.custos.core.CustosException;
import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.internal.ProjectionGuard;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.ProviderMatrix;
import dev.custos.jpa.testing.TestDatabase;
import dev.custos.jpa.testmodel.CareNote;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.hibernate.query.sqm.sql.StandardSqmTranslatorFactory;
import org.junit.jupiter.api.Test;

/**
 * Projections load no entity, so no load check can apply to them: on every provider, a JPQL or Criteria query
 * that selects guarded personal data as values is refused before it runs ({@code CUSTOS-04428}), whoever asks,
 * while entity queries and projections of unguarded attributes run as before (issue #8: a Norwegian clinician
 * who does not treat the patient reads the journal by no API path).
 */
class ProjectionTest {

    private static final class Fixture implements AutoCloseable {
        final TestDatabase db;
        final EntityManagerFactory emf;

        Fixture(JpaUnit unit, String pack) {
            db = TestDatabase.empty(unit.database());
            emf = unit.openVariant("care", db, Map.of("custos.pack", pack));
            CustosJpa.start(unit.unitName(), emf, db.dataSource());
            try (ProcessingContext.Scope scope = ProcessingContext.open("treatment", "dr-berg")) {
                JpaUnit.inTransaction(emf, em -> em.persist(new CareNote(1L, "c1", "dr-berg", LocalDate.of(2026, 1, 5),
                        "first session")));
            }
        }

        <T> T as(String caller, Function<EntityManager, T> work) {
            try (ProcessingContext.Scope scope = ProcessingContext.open("treatment", caller)) {
                EntityManager em = emf.createEntityManager();
                try {
                    return work.apply(em);
                } finally {
                    em.close();
                }
            }
        }

        String refusedId(String caller, Function<EntityManager, Object> work) {
            return refusal(catchThrowable(() -> as(caller, work))).messageId();
        }

        @Override
        public void close() throws Exception {
            emf.close();
            db.close();
        }
    }

    @ProviderMatrix
    void projectionsOfTheJournalNoteAreRefusedToEveryClinician(JpaUnit unit) throws Exception {
        try (Fixture f = new Fixture(unit, "no")) {
            for (String caller : List.of("dr-lie", "dr-berg")) {
                assertThat(f.refusedId(caller, em -> em.createQuery("SELECT n.note FROM CareNote n", String.class)
                        .getResultList())).isEqualTo("CUSTOS-04428");
                assertThat(f.refusedId(caller, em -> em.createQuery("SELECT n.id, UPPER(n.note) FROM CareNote n")
                        .getResultList())).isEqualTo("CUSTOS-04428");
                assertThat(f.refusedId(caller, em -> {
                    CriteriaBuilder cb = em.getCriteriaBuilder();
                    CriteriaQuery<String> q = cb.createQuery(String.class);
                    Root<CareNote> n = q.from(CareNote.class);
                    return em.createQuery(q.select(n.get("note"))).getResultList();
                })).isEqualTo("CUSTOS-04428");
            }
            // the treating clinician reads the note as an entity, checked on load; others are refused on load
            String note = f.as("dr-berg", em -> em.createQuery("SELECT n FROM CareNote n", CareNote.class)
                    .getSingleResult().note);
            assertThat(note).isEqualTo("first session");
            assertThat(f.refusedId("dr-lie", em -> em.createQuery("SELECT n FROM CareNote n", CareNote.class)
                    .getSingleResult())).isEqualTo("CUSTOS-04409");
            // attributes that are not guarded personal data still project
            Object[] row = f.as("dr-lie", em -> em.createQuery("SELECT n.id, n.lastEntry FROM CareNote n",
                    Object[].class).getSingleResult());
            assertThat(row).containsExactly(1L, LocalDate.of(2026, 1, 5));
        }
    }

    @ProviderMatrix
    void aProjectionCustosRanItselfIsStillRefusedToCallersAfterwards(JpaUnit unit) throws Exception {
        try (Fixture f = new Fixture(unit, "no")) {
            String jpql = "SELECT n.note FROM CareNote n";
            // Custos' own queries (the sweep, request exports) project guarded data; their query plan must not be
            // reused unchecked by the same query from outside
            List<String> own = f.as("custos", em -> ProjectionGuard.ownResults(em.createQuery(jpql, String.class)));
            assertThat(own).containsExactly("first session");
            assertThat(f.refusedId("dr-lie", em -> em.createQuery(jpql, String.class).getResultList()))
                    .isEqualTo("CUSTOS-04428");
        }
    }

    @Test
    void aHibernateUnitWithAnotherQueryTranslatorDoesNotStart() throws Exception {
        assumeTrue(JpaUnit.providers().contains(JpaUnit.Provider.HIBERNATE), "Hibernate is not tested in this run");
        JpaUnit unit = new JpaUnit(JpaUnit.Provider.HIBERNATE, TestDatabase.DERBY);
        try (TestDatabase db = TestDatabase.empty(TestDatabase.DERBY)) {
            EntityManagerFactory emf = unit.openVariant("care", db, Map.of("custos.pack", "no",
                    "hibernate.query.sqm.translator", StandardSqmTranslatorFactory.class.getName()));
            try {
                assertThatThrownBy(() -> CustosJpa.start(unit.unitName(), emf, db.dataSource()))
                        .isInstanceOf(CustosException.class).hasMessageContaining("CUSTOS-04429");
            } finally {
                emf.close();
            }
        }
    }
}
