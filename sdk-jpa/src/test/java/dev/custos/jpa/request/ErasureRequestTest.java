// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.Message;
import dev.custos.core.request.DataSubjectRequest;
import dev.custos.core.request.RequestState;
import dev.custos.core.request.RequestType;
import dev.custos.core.retention.LegalHold;
import dev.custos.jpa.access.ProcessingContext;
import dev.custos.jpa.internal.store.AuditTrail;
import dev.custos.jpa.internal.store.LegalHoldStore;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.ProviderMatrix;
import dev.custos.jpa.testmodel.Inquiry;
import dev.custos.jpa.testmodel.Member;
import dev.custos.jpa.testmodel.Questionnaire;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Erasure requests honour each attribute's declared erasure strategy, log what they erase, and destroy the
 * subject's key when nothing of the subject is kept.
 */
class ErasureRequestTest {

    private static long count(RequestFixture f, String sql) throws Exception {
        try (Connection c = f.db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String text(RequestFixture f, String sql) throws Exception {
        try (Connection c = f.db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void persist(RequestFixture f, Consumer<jakarta.persistence.EntityManager> work) {
        persist(f, "treatment", work);
    }

    /** Stores under {@code purpose}, one the values written declare. */
    private static void persist(RequestFixture f, String purpose, Consumer<jakarta.persistence.EntityManager> work) {
        try (ProcessingContext.Scope scope = ProcessingContext.open(purpose, "reception")) {
            JpaUnit.inTransaction(f.emf, work);
        }
    }

    private static void assertChainsIntact(RequestFixture f) throws Exception {
        try (Connection c = f.db.connect()) {
            assertThat(new AuditTrail(1, f.clock).verify(c).intact()).isTrue();
            assertThat(new AuditTrail(2, f.clock).verify(c).intact()).isTrue();
        }
    }

    @ProviderMatrix
    void erasingEverythingOfASubjectWithOnlyConsentDataShredsItsKeyAndKeepsTheAuditTrail(JpaUnit unit)
            throws Exception {
        try (RequestFixture f = new RequestFixture(unit)) {
            persist(f, em -> em.persist(new Questionnaire(3L, "c3", "Cy answers")));
            DataSubjectRequest request = f.verified(RequestType.ERASURE, "c3");
            assertThat(count(f, "SELECT COUNT(*) FROM custos_subject_key WHERE subject_id = 'c3'")).isEqualTo(1);

            ErasureReport report = f.executor.erase(request.id());

            assertThat(report.request().state()).isEqualTo(RequestState.COMPLETED);
            assertThat(report.lines(ErasureReport.Outcome.ERASED)).extracting(l -> l.entity() + "." + l.attribute())
                    .containsExactly("Questionnaire.answers");
            assertThat(report.notes()).extracting(Message::code).containsExactly("CUSTOS-04719");
            assertThat(report.toJson()).contains("\"notes\"", "CUSTOS-04719");
            assertThat(f.value("SELECT q.answers FROM Questionnaire q WHERE q.id = 3")).isNull();
            assertThat(count(f, "SELECT COUNT(*) FROM custos_subject_key WHERE subject_id = 'c3'")).isZero();
            assertThat(count(f, "SELECT COUNT(*) FROM custos_request WHERE subject_id = 'c3'")).isZero();
            assertThat(count(f, "SELECT COUNT(*) FROM custos_erasure_log WHERE entity_name = 'Questionnaire'"
                    + " AND entity_id = '3' AND attributes = 'answers' AND strategy = 'NULLIFY'"
                    + " AND rule_id = 'request:" + request.id() + "' AND run_id = '" + request.id() + "'"))
                    .isEqualTo(1);
            assertThat(f.audit(1)).contains("ERASE DONE Questionnaire answers data-subject-request");
            assertThat(f.audit(1).get(f.audit(1).size() - 1)).startsWith("REQUEST_COMPLETED");
            assertChainsIntact(f);
            // the other subjects keep their keys
            assertThat(count(f, "SELECT COUNT(*) FROM custos_subject_key WHERE subject_id = 'c1'")).isEqualTo(1);
        }
    }

    @ProviderMatrix
    void aSubjectWithAKeptJournalKeepsItsKey(JpaUnit unit) throws Exception {
        try (RequestFixture f = new RequestFixture(unit)) {
            DataSubjectRequest request = f.verified(RequestType.ERASURE, "c1");

            ErasureReport report = f.executor.erase(request.id());

            assertThat(report.lines(ErasureReport.Outcome.KEPT)).isNotEmpty();
            assertThat(report.notes()).extracting(Message::code).containsExactly("CUSTOS-04720", "CUSTOS-04786");
            assertThat(count(f, "SELECT COUNT(*) FROM custos_subject_key WHERE subject_id = 'c1'")).isEqualTo(1);
            assertThat(count(f, "SELECT COUNT(*) FROM custos_request WHERE subject_id = 'c1'")).isEqualTo(1);
            assertThat(count(f, "SELECT COUNT(*) FROM custos_erasure_log WHERE rule_id = 'request:" + request.id()
                    + "'")).isEqualTo(2);
            assertChainsIntact(f);
        }
    }

    @ProviderMatrix
    void contractAndLegitimateInterestDataIsLeftForReviewNotDeletedOrAnonymised(JpaUnit unit) throws Exception {
        try (RequestFixture f = new RequestFixture(unit)) {
            persist(f, "membership", em -> em.persist(new Member(10L, "p9", LocalDate.of(2024, 1, 10), "Bobby",
                    1980)));
            persist(f, "inquiry", em -> {
                em.persist(new Inquiry(10L, "p9", LocalDateTime.of(2024, 3, 1, 10, 0), "call me"));
                em.persist(new Inquiry(11L, "p9", LocalDateTime.of(2024, 3, 1, 10, 0), "call me too"));
            });
            try (Connection c = f.db.transaction()) {
                new LegalHoldStore().place(c, "p9", Optional.of("Inquiry"), Optional.of("10"),
                        new LegalHold("h-9", "complaint-pending", RequestFixture.NOW.minusSeconds(3600),
                                Optional.empty(), "lawyer", "case 9"));
                c.commit();
            }
            DataSubjectRequest request = f.verified(RequestType.ERASURE, "p9");

            ErasureReport report = f.executor.erase(request.id());

            // the engine leaves the right to erasure of contract and legitimate-interest data to a person
            assertThat(report.lines(ErasureReport.Outcome.REVIEW)).extracting(l -> l.entity() + "#" + l.entityId()
                    + "." + l.attribute()).containsExactlyInAnyOrder("Member#10.nickname", "Member#10.birthYear",
                    "Inquiry#11.message");
            assertThat(report.lines(ErasureReport.Outcome.KEPT)).extracting(l -> l.entity() + "#" + l.entityId())
                    .containsExactly("Inquiry#10");
            assertThat(report.lines(ErasureReport.Outcome.ERASED)).isEmpty();
            assertThat(report.request().state()).isEqualTo(RequestState.IN_PROGRESS);
            assertThat(count(f, "SELECT COUNT(*) FROM Inquiry")).isEqualTo(2);
            assertThat(text(f, "SELECT birthYear FROM Member WHERE id = 10")).isEqualTo("1980");
            assertThat(report.notes()).extracting(Message::code).containsExactly("CUSTOS-04720");
            assertThat(count(f, "SELECT COUNT(*) FROM custos_subject_key WHERE subject_id = 'p9'")).isEqualTo(1);
            assertThat(count(f, "SELECT COUNT(*) FROM custos_erasure_log")).isZero();
        }
    }
}
