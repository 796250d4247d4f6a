// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.audit.AuditAction;
import dev.custos.core.audit.AuditEvent;
import dev.custos.core.audit.AuditRecord;
import dev.custos.core.request.RequestState;
import dev.custos.core.request.RequestType;
import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.access.ProcessingContext;
import dev.custos.jpa.internal.store.AuditTrail;
import dev.custos.jpa.internal.store.SubjectKeys;
import dev.custos.jpa.retention.RetentionSweeper;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.ProviderMatrix;
import dev.custos.jpa.testmodel.Questionnaire;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A node keeps the pseudonyms of the subjects it wrote between flushes. Once another node destroys a subject's key
 * (erasure, or the sweep when an audit-identity date has passed), a write about the subject on the first node must
 * carry the pseudonym of the subject's new key: a record carrying the old one would tie the erased records to a
 * row of the person again.
 */
class WrittenPseudonymAfterErasureTest {

    private static final Instant END_OF_TIME = Instant.parse("9999-12-31T00:00:00Z");

    @ProviderMatrix
    void aWriteAfterAnotherNodeErasedTheSubjectCarriesTheNewKeysPseudonym(JpaUnit unit) throws Exception {
        try (RequestFixture f = new RequestFixture(unit)) {
            check(f, unit, () -> assertThat(f.executor.erase(f.verified(RequestType.ERASURE, "c3").id())
                    .request().state()).isEqualTo(RequestState.COMPLETED));
        }
    }

    @ProviderMatrix
    void aWriteAfterAnotherNodesSweepDestroyedTheKeyCarriesTheNewKeysPseudonym(JpaUnit unit) throws Exception {
        try (RequestFixture f = new RequestFixture(unit, "audit-kept")) {
            check(f, unit, () -> {
                f.executor.erase(f.verified(RequestType.ERASURE, "c3").id());
                f.clock.moveTo(Instant.parse("2028-03-02T10:00:00Z")); // the pack's audit identity ends
                assertThat(new RetentionSweeper(f.runtime).sweep().auditKeysDestroyed()).isEqualTo(1);
            });
        }
    }

    /** Writes c3's questionnaire 3 on another node, has {@code destroy} run on the fixture's, then writes 4. */
    private static void check(RequestFixture f, JpaUnit unit, ThrowingRunnable destroy) throws Exception {
        JpaUnit.Provider otherProvider = unit.provider() == JpaUnit.Provider.HIBERNATE
                ? JpaUnit.Provider.ECLIPSELINK : JpaUnit.Provider.HIBERNATE;
        JpaUnit other = new JpaUnit(otherProvider, unit.database());
        EntityManagerFactory writing = other.open(f.db, Map.of("custos.pack", "dk",
                "jakarta.persistence.schema-generation.database.action", "none"));
        try {
            CustosJpa.start(other.unitName(), writing, f.db.dataSource(), f.clock);
            write(writing, new Questionnaire(3L, "c3", "Cy answers"));
            String before = pseudonym(f);
            assertThat(auditOf(f, before, "3")).containsExactly(AuditAction.CREATE);

            destroy.run();
            try (Connection c = f.db.connect()) {
                assertThat(new SubjectKeys(f.clock).existingPseudonym(c, "c3")).as("the key is gone").isEmpty();
            }

            write(writing, new Questionnaire(4L, "c3", "Cy answers again"));
            String after = pseudonym(f);
            assertThat(after).as("a new key, so a new pseudonym").isNotEqualTo(before);
            assertThat(auditOf(f, after, "4")).containsExactly(AuditAction.CREATE);
            assertThat(auditOf(f, before, "4")).as("the erased pseudonym names no later write").isEmpty();
            try (Connection c = f.db.connect()) {
                assertThat(new AuditTrail(1, f.clock).verify(c).intact()).isTrue();
            }
        } finally {
            writing.close();
        }
    }

    private static void write(EntityManagerFactory emf, Questionnaire questionnaire) {
        try (ProcessingContext.Scope scope = ProcessingContext.open("treatment", "reception")) {
            JpaUnit.inTransaction(emf, em -> em.persist(questionnaire));
        }
    }

    /** c3's pseudonym now, from its key: a write about c3 makes the key if c3 has none. */
    private static String pseudonym(RequestFixture f) throws Exception {
        try (Connection c = f.db.connect()) {
            Optional<String> ref = new SubjectKeys(f.clock).existingPseudonym(c, "c3");
            assertThat(ref).as("the write's audit made c3 a key").isPresent();
            return ref.get();
        }
    }

    /** The write chain's records about {@code ref} and questionnaire {@code entityId}. */
    private static List<AuditAction> auditOf(RequestFixture f, String ref, String entityId) throws Exception {
        try (Connection c = f.db.connect()) {
            return new AuditTrail(1, f.clock).forSubject(c, ref, Instant.EPOCH, END_OF_TIME).stream()
                    .map(AuditRecord::event).filter(e -> e.entityId().equals(entityId)
                            && e.entity().equals("Questionnaire")).map(AuditEvent::action).toList();
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
