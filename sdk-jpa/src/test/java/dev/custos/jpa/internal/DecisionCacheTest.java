// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import static dev.custos.jpa.testing.Refusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.custos.core.Message;
import dev.custos.core.consent.ConsentEvent;
import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.access.Caller;
import dev.custos.jpa.access.ProcessingContext;
import dev.custos.jpa.consent.ConsentRegistry;
import dev.custos.jpa.internal.store.ConsentLedger;
import dev.custos.jpa.internal.store.SubjectChanges;
import dev.custos.jpa.internal.store.SubjectKeys;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.ProviderMatrix;
import dev.custos.jpa.testing.TestDatabase;
import dev.custos.jpa.testmodel.Questionnaire;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The decisions a node keeps between reads: a change committed by another node (another runtime on the same
 * database, or a ledger written from outside) is seen by the next read; a read that cannot check what changed is
 * refused however much is kept; the cache stays within its capacity and reads a changed subject again.
 */
class DecisionCacheTest {

    private static final Clock CLOCK = Clock.systemUTC();

    @ProviderMatrix
    void aWithdrawalByAnotherRuntimeOnTheSameDatabaseIsSeenByTheNextRead(JpaUnit unit) throws Exception {
        JpaUnit.Provider otherProvider = unit.provider() == JpaUnit.Provider.HIBERNATE
                ? JpaUnit.Provider.ECLIPSELINK : JpaUnit.Provider.HIBERNATE;
        JpaUnit other = new JpaUnit(otherProvider, unit.database());
        try (TestDatabase db = TestDatabase.empty(unit.database())) {
            EntityManagerFactory reading = unit.open(db, Map.of("custos.pack", "dk"));
            EntityManagerFactory writing = other.open(db, Map.of("custos.pack", "dk",
                    "jakarta.persistence.schema-generation.database.action", "none"));
            try {
                CustosJpa.start(unit.unitName(), reading, db.dataSource(), CLOCK);
                CustosRuntime otherNode = CustosJpa.start(other.unitName(), writing, db.dataSource(), CLOCK);
                ConsentRegistry consents = new ConsentRegistry(otherNode);
                try (ProcessingContext.Scope setup = ProcessingContext.open("setup", Caller.system("test-setup"))) {
                    JpaUnit.inTransaction(reading, em -> em.persist(new Questionnaire(1L, "c1", "sleeps badly")));
                }
                try (ProcessingContext.Scope research = ProcessingContext.open("research", "dr.berg")) {
                    consents.give("c1", "research", "n1", "portal");
                    assertThat(answers(reading)).containsExactly("sleeps badly");
                    assertThat(answers(reading)).containsExactly("sleeps badly"); // decided from what is kept

                    consents.withdraw("c1", "research", "portal");
                    AccessRefusedAfter withdrawn = new AccessRefusedAfter(catchThrowable(() -> answers(reading)));
                    assertThat(withdrawn.codes()).containsExactly("CUSTOS-02003");

                    // given again by a writer outside any runtime of this JVM: only the database can tell
                    try (Connection c = db.transaction()) {
                        new ConsentLedger(new SubjectKeys(CLOCK), CLOCK).record(c,
                                ConsentEvent.given("c1", "research", Instant.now(CLOCK), "n1"), "test");
                        c.commit();
                    }
                    assertThat(answers(reading)).containsExactly("sleeps badly");
                }
            } finally {
                writing.close();
                reading.close();
            }
        }
    }

    @ProviderMatrix
    void aReadThatCannotCheckTheChangesIsRefusedWhateverIsKept(JpaUnit unit) throws Exception {
        try (TestDatabase db = TestDatabase.empty(unit.database())) {
            EntityManagerFactory emf = unit.open(db, Map.of("custos.pack", "dk"));
            try {
                ConsentRegistry consents = new ConsentRegistry(CustosJpa.start(unit.unitName(), emf,
                        db.dataSource(), CLOCK));
                try (ProcessingContext.Scope setup = ProcessingContext.open("setup", Caller.system("test-setup"))) {
                    JpaUnit.inTransaction(emf, em -> em.persist(new Questionnaire(1L, "c1", "sleeps badly")));
                }
                try (ProcessingContext.Scope research = ProcessingContext.open("research", "dr.berg")) {
                    consents.give("c1", "research", "n1", "portal");
                    assertThat(answers(emf)).containsExactly("sleeps badly");
                    execute(db, db.isPostgresql() || db.isMariadb()
                            ? "ALTER TABLE custos_subject_change RENAME TO custos_subject_change_gone"
                            : "RENAME TABLE custos_subject_change TO custos_subject_change_gone");
                    AccessRefusedAfter failed = new AccessRefusedAfter(catchThrowable(() -> answers(emf)));
                    assertThat(failed.messageId()).isEqualTo("CUSTOS-04409");
                }
            } finally {
                emf.close();
            }
        }
    }

    @Test
    void keepsAtMostItsCapacityAndReadsAChangedSubjectAgain() throws Exception {
        try (TestDatabase db = TestDatabase.migrated(TestDatabase.DERBY)) {
            CountingLookups lookups = new CountingLookups();
            DecisionCache cache = new DecisionCache(db.dataSource(), lookups, lookups, 2);

            assertThat(cache.restrictedAmong(List.of("a", "b", "c"))).isEmpty();
            assertThat(cache.size()).isEqualTo(2);
            assertThat(lookups.read).containsExactly("a", "b", "c");

            lookups.read.clear();
            cache.restrictedAmong(List.of("b", "c"));
            assertThat(lookups.read).as("kept, and nothing changed").isEmpty();
            cache.restricted("a");
            assertThat(lookups.read).as("evicted as the least recently used").containsExactly("a");

            lookups.read.clear();
            lookups.restricted.add("a");
            try (Connection c = db.transaction()) {
                new SubjectChanges().record(c, List.of("a"));
                c.commit();
            }
            assertThat(cache.restricted("a")).isTrue();
            assertThat(lookups.read).containsExactly("a");
        }
    }

    @Test
    void aFailedLookUpKeepsNothingAndIsReported() throws Exception {
        try (TestDatabase db = TestDatabase.migrated(TestDatabase.DERBY)) {
            CountingLookups lookups = new CountingLookups();
            DecisionCache cache = new DecisionCache(db.dataSource(), lookups, lookups, 10);
            lookups.failing = true;
            assertThatThrownBy(() -> cache.events("a")).isInstanceOf(SQLException.class);
            assertThat(cache.size()).isZero();
            lookups.failing = false;
            assertThat(cache.events("a")).isEmpty();
            assertThat(cache.size()).isEqualTo(1);
        }
    }

    private static List<String> answers(EntityManagerFactory emf) {
        EntityManager em = emf.createEntityManager();
        try {
            return em.createQuery("select q from Questionnaire q", Questionnaire.class).getResultList().stream()
                    .map(q -> q.answers).toList();
        } finally {
            em.close();
        }
    }

    private static void execute(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** A read's refusal, by message id and the codes of its reasons. */
    private record AccessRefusedAfter(String messageId, List<String> codes) {
        AccessRefusedAfter(Throwable thrown) {
            this(refusal(thrown).messageId(), refusal(thrown).reasons().stream().map(Message::code).toList());
        }
    }

    /** Look-ups that record which subjects they were asked for, and fail when told to. */
    private static final class CountingLookups implements RestrictionLookup, ConsentLookup {
        final List<String> read = new ArrayList<>();
        final Set<String> restricted = new HashSet<>();
        boolean failing;

        @Override
        public boolean restricted(String subjectId) throws SQLException {
            return !restrictedAmong(List.of(subjectId)).isEmpty();
        }

        @Override
        public Set<String> restrictedAmong(Collection<String> subjectIds) throws SQLException {
            if (failing) {
                throw new SQLException("down");
            }
            read.addAll(subjectIds);
            Set<String> found = new HashSet<>(subjectIds);
            found.retainAll(restricted);
            return found;
        }

        @Override
        public List<ConsentEvent> events(String subjectId) {
            return List.of();
        }
    }
}
