// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.shred;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.consent.ConsentEvent;
import dev.custos.core.request.DataSubjectRequest;
import dev.custos.core.request.RequestType;
import dev.custos.core.retention.LegalHold;
import dev.custos.core.retention.RetentionDecision.Status;
import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.access.ProcessingContext;
import dev.custos.jpa.request.ErasureReport;
import dev.custos.jpa.request.RequestExecutor;
import dev.custos.jpa.retention.RetentionSweeper;
import dev.custos.jpa.retention.SweepReport;
import dev.custos.jpa.internal.store.AuditTrail;
import dev.custos.jpa.internal.store.ConsentLedger;
import dev.custos.jpa.internal.store.LegalHoldStore;
import dev.custos.jpa.internal.store.SubjectKeys;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.ProviderMatrix;
import dev.custos.jpa.testing.TestDatabase;
import dev.custos.jpa.testmodel.SealedAnswer;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * CRYPTO_SHRED on both providers: values are stored encrypted under the subject's data key and read as plaintext;
 * the sweeper and erasure requests shred the key, after which every read returns null.
 */
class CryptoShredTest {

    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    /** One provider on a fresh database, Custos started under pack dk on a fixed clock. */
    static final class Fixture implements AutoCloseable {
        final TestDatabase db;
        final EntityManagerFactory emf;
        final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        final CustosRuntime runtime;

        Fixture(JpaUnit unit) {
            db = TestDatabase.empty(unit.database());
            emf = unit.open(db, Map.of("custos.pack", "dk"));
            runtime = CustosJpa.start(unit.unitName(), emf, db.dataSource(), clock);
        }

        void write(Consumer<EntityManager> work) {
            try (ProcessingContext.Scope scope = ProcessingContext.open("research", "dr.berg")) {
                JpaUnit.inTransaction(emf, work);
            }
        }

        String read(long id) {
            try (ProcessingContext.Scope scope = ProcessingContext.open("research", "dr.berg")) {
                EntityManager em = emf.createEntityManager();
                try {
                    SealedAnswer answer = em.find(SealedAnswer.class, id);
                    return answer == null ? "<none>" : answer.answers;
                } finally {
                    em.close();
                }
            }
        }

        void consent(ConsentEvent event) throws SQLException {
            try (Connection c = db.transaction()) {
                new ConsentLedger(new SubjectKeys(clock), clock).record(c, event, "test");
                c.commit();
            }
        }

        String text(String sql) throws SQLException {
            try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                return rs.next() ? rs.getString(1) : "<no row>";
            }
        }

        long count(String sql) throws SQLException {
            return Long.parseLong(text(sql));
        }

        long audits(String action) throws SQLException {
            return count("SELECT COUNT(*) FROM custos_audit_record WHERE action = '" + action
                    + "' AND entity_name = 'SealedAnswer'");
        }

        boolean chainIntact() throws SQLException {
            try (Connection c = db.connect()) {
                return new AuditTrail(1, clock).verify(c).intact();
            }
        }

        @Override
        public void close() throws Exception {
            emf.close();
            db.close();
        }
    }

    @ProviderMatrix
    void valuesAreStoredEncryptedAndReadAsPlaintext(JpaUnit unit) throws Exception {
        try (Fixture f = new Fixture(unit)) {
            f.consent(ConsentEvent.given("c1", "research", NOW.minus(Duration.ofDays(10)), "n1"));
            f.write(em -> em.persist(new SealedAnswer(1L, "c1", "sleeps badly")));

            String stored = f.text("SELECT answers FROM SealedAnswer WHERE id = 1");
            assertThat(stored).startsWith("cs1:").doesNotContain("sleeps");
            assertThat(f.count("SELECT COUNT(*) FROM custos_subject_data_key WHERE subject_id = 'c1'")).isEqualTo(1);
            assertThat(f.read(1)).isEqualTo("sleeps badly");
            // again, from EclipseLink's shared cache
            assertThat(f.read(1)).isEqualTo("sleeps badly");
            assertThat(f.audits("CREATE")).isEqualTo(1);

            // loading and flushing without a change writes nothing
            f.write(em -> {
                assertThat(em.find(SealedAnswer.class, 1L).answers).isEqualTo("sleeps badly");
                em.flush();
            });
            assertThat(f.audits("UPDATE")).isZero();
            assertThat(f.text("SELECT answers FROM SealedAnswer WHERE id = 1")).isEqualTo(stored);

            f.write(em -> em.find(SealedAnswer.class, 1L).answers = "sleeps well");
            String updated = f.text("SELECT answers FROM SealedAnswer WHERE id = 1");
            assertThat(updated).startsWith("cs1:").doesNotContain("sleeps").isNotEqualTo(stored);
            assertThat(f.audits("UPDATE")).isEqualTo(1);
            assertThat(f.read(1)).isEqualTo("sleeps well");
            assertThat(f.read(1)).isEqualTo("sleeps well");

            // after the update, the entity manager that wrote sees no further change either
            f.write(em -> {
                SealedAnswer answer = em.find(SealedAnswer.class, 1L);
                answer.answers = "sleeps deeply";
                em.flush();
                em.flush();
                assertThat(answer.answers).isEqualTo("sleeps deeply");
            });
            assertThat(f.audits("UPDATE")).isEqualTo(2);
            assertThat(f.read(1)).isEqualTo("sleeps deeply");
        }
    }

    @ProviderMatrix
    void theSweepShredsOnlyWhenEveryRowOfTheSubjectIsDue(JpaUnit unit) throws Exception {
        try (Fixture f = new Fixture(unit)) {
            Instant start = NOW.minus(Duration.ofDays(100));
            f.consent(ConsentEvent.given("quit", "research", start, "n1"));
            f.consent(ConsentEvent.given("stay", "research", start, "n1"));
            f.write(em -> {
                em.persist(new SealedAnswer(1L, "quit", "quit one"));
                em.persist(new SealedAnswer(2L, "quit", "quit two"));
                em.persist(new SealedAnswer(3L, "stay", "stay one"));
                em.persist(new SealedAnswer(4L, "held", "held one"));
                em.persist(new SealedAnswer(5L, "held", "held two"));
            });
            // a hold on one of "held"'s rows keeps its key, and with it the other row, due as it is
            f.consent(ConsentEvent.given("held", "research", start, "n1"));
            f.consent(ConsentEvent.withdrawn("held", "research", start.plus(Duration.ofDays(10))));
            try (Connection c = f.db.transaction()) {
                new LegalHoldStore().place(c, "held", Optional.of("SealedAnswer"), Optional.of("5"),
                        new LegalHold("h1", "complaint-pending", start, Optional.empty(), "test", ""));
                c.commit();
            }
            assertThat(f.read(3)).isEqualTo("stay one");
            // warm EclipseLink's shared cache with the plaintext of a row about to be shredded
            assertThat(f.read(1)).isEqualTo("quit one");
            String stored = f.text("SELECT answers FROM SealedAnswer WHERE id = 1");
            f.consent(ConsentEvent.withdrawn("quit", "research", start.plus(Duration.ofDays(10))));

            SweepReport report = new RetentionSweeper(f.runtime).sweep();

            assertThat(report.erased()).isEqualTo(2);
            assertThat(report.kept(Status.HELD)).isEqualTo(2);
            assertThat(f.count("SELECT COUNT(*) FROM custos_subject_data_key WHERE subject_id = 'held'")).isEqualTo(1);
            assertThat(f.count("SELECT COUNT(*) FROM custos_subject_data_key WHERE subject_id = 'quit'")).isZero();
            assertThat(f.count("SELECT COUNT(*) FROM custos_subject_data_key WHERE subject_id = 'stay'")).isEqualTo(1);
            assertThat(f.text("SELECT answers FROM SealedAnswer WHERE id = 1")).isEqualTo(stored);
            // consent given anew lets the rows be read: what was shredded reads as null, never as ciphertext
            f.consent(ConsentEvent.given("quit", "research", NOW, "n2"));
            assertThat(f.read(1)).isNull();
            assertThat(f.read(2)).isNull();
            assertThat(f.read(3)).isEqualTo("stay one");
            assertThat(f.count("SELECT COUNT(*) FROM custos_erasure_log WHERE entity_name = 'SealedAnswer'"
                    + " AND strategy = 'CRYPTO_SHRED' AND attributes = 'answers'")).isEqualTo(2);
            // one ERASE record for quit's two rows of the batch, listing both
            assertThat(f.audits("ERASE")).isEqualTo(1);
            assertThat(dev.custos.jpa.internal.store.EntityIdList.ids(
                    f.text("SELECT entity_id FROM custos_audit_record WHERE action = 'ERASE'")))
                    .containsExactlyInAnyOrder("1", "2");

            SweepReport again = new RetentionSweeper(f.runtime).sweep();
            assertThat(again.erased()).isZero();
            assertThat(f.audits("ERASE")).isEqualTo(1);
            assertThat(f.chainIntact()).isTrue();
        }
    }

    @ProviderMatrix
    void aRectificationStoresTheCorrectionEncrypted(JpaUnit unit) throws Exception {
        try (Fixture f = new Fixture(unit)) {
            f.consent(ConsentEvent.given("c4", "research", NOW.minus(Duration.ofDays(10)), "n1"));
            f.write(em -> em.persist(new SealedAnswer(8L, "c4", "wrong")));
            assertThat(f.read(8)).isEqualTo("wrong");
            RequestExecutor executor = new RequestExecutor(f.runtime);
            DataSubjectRequest received = executor.receive(RequestType.RECTIFICATION, "c4", NOW);
            DataSubjectRequest request = executor.verifyIdentity(received.id(), "front-desk");

            executor.rectify(request.id(), java.util.List.of(
                    new dev.custos.jpa.request.Correction("SealedAnswer", "8", "answers", "right")));

            assertThat(f.text("SELECT answers FROM SealedAnswer WHERE id = 8")).startsWith("cs1:")
                    .doesNotContain("right");
            assertThat(f.read(8)).isEqualTo("right");

            // an access request exports the plaintext, never the ciphertext
            DataSubjectRequest access = executor.verifyIdentity(
                    executor.receive(RequestType.ACCESS, "c4", NOW).id(), "front-desk");
            assertThat(executor.exportAccess(access.id())).contains("\"right\"").doesNotContain("cs1:");
        }
    }

    @ProviderMatrix
    void anErasureRequestShredsTheSubjectsKey(JpaUnit unit) throws Exception {
        try (Fixture f = new Fixture(unit)) {
            f.consent(ConsentEvent.given("c3", "research", NOW.minus(Duration.ofDays(10)), "n1"));
            f.write(em -> em.persist(new SealedAnswer(7L, "c3", "Cy answers")));
            assertThat(f.read(7)).isEqualTo("Cy answers");
            String stored = f.text("SELECT answers FROM SealedAnswer WHERE id = 7");
            RequestExecutor executor = new RequestExecutor(f.runtime);
            DataSubjectRequest received = executor.receive(RequestType.ERASURE, "c3", NOW);
            DataSubjectRequest request = executor.verifyIdentity(received.id(), "front-desk");

            ErasureReport report = executor.erase(request.id());

            assertThat(report.lines(ErasureReport.Outcome.ERASED)).extracting(l -> l.entity() + "." + l.attribute())
                    .containsExactly("SealedAnswer.answers");
            assertThat(f.count("SELECT COUNT(*) FROM custos_subject_data_key WHERE subject_id = 'c3'")).isZero();
            assertThat(f.text("SELECT answers FROM SealedAnswer WHERE id = 7")).isEqualTo(stored);
            f.consent(ConsentEvent.given("c3", "research", NOW, "n2"));
            assertThat(f.read(7)).isNull();
            assertThat(f.count("SELECT COUNT(*) FROM custos_erasure_log WHERE entity_name = 'SealedAnswer'"
                    + " AND entity_id = '7' AND strategy = 'CRYPTO_SHRED' AND rule_id = 'request:" + request.id()
                    + "'")).isEqualTo(1);
            assertThat(f.audits("ERASE")).isEqualTo(1);
            assertThat(f.chainIntact()).isTrue();
        }
    }
}
