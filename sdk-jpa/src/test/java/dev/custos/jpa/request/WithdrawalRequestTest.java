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
import dev.custos.jpa.testmodel.SealedAnswer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import java.util.Set;

/**
 * A consent withdrawal erases at once, within the request, what rested only on the withdrawn consent, by the same
 * erasure as an erasure request; contract and legal-obligation data, data consented for another purpose and data
 * under a legal hold stay, and the report says why, value by value.
 */
class WithdrawalRequestTest {

    private static long count(RequestFixture f, String sql) throws Exception {
        try (Connection c = f.db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void assertChainsIntact(RequestFixture f) throws Exception {
        try (Connection c = f.db.connect()) {
            assertThat(new AuditTrail(1, f.clock).verify(c).intact()).isTrue();
            assertThat(new AuditTrail(2, f.clock).verify(c).intact()).isTrue();
        }
    }

    private static String where(ErasureReport.Line line) {
        return line.entity() + "." + line.attribute();
    }

    @ProviderMatrix
    void withdrawingTheNewsletterConsentErasesTheEmailAtOnceAndKeepsContractJournalAndResearchData(JpaUnit unit)
            throws Exception {
        try (RequestFixture f = new RequestFixture(unit)) {
            DataSubjectRequest request = f.verified(RequestType.CONSENT_WITHDRAWAL, "c1");

            ErasureReport report = f.executor.withdrawConsent(request.id(), Set.of("newsletter"));

            assertThat(report.request().state()).isEqualTo(RequestState.COMPLETED);
            assertThat(report.summary().code()).isEqualTo("CUSTOS-04722");
            assertThat(report.withdrawnPurposes()).containsExactly("newsletter");
            assertThat(report.summary().text()).contains("[newsletter]", "1 resting only on that consent were erased",
                    "3 are kept", "0 are left");
            assertThat(report.lines(ErasureReport.Outcome.ERASED)).extracting(l -> where(l) + " " + l.citation())
                    .containsExactly("Client.email GDPR Art. 17(1)(b)");
            assertThat(report.lines(ErasureReport.Outcome.KEPT))
                    .extracting(l -> where(l) + " " + l.detail().code() + " " + l.citation())
                    .containsExactlyInAnyOrder(
                            "Client.name CUSTOS-04723 GDPR Art. 6(1)(b)",
                            "JournalEntry.note CUSTOS-04723 GDPR Art. 6(1)(c); GDPR Art. 9(2)(h)",
                            // consented for research, not for the newsletter
                            "Questionnaire.answers CUSTOS-04723 GDPR Art. 6(1)(a); GDPR Art. 9(2)(a)");
            assertThat(report.lines(ErasureReport.Outcome.REVIEW)).isEmpty();
            assertThat(report.notes()).isEmpty();
            assertThat(report.toJson()).contains("\"type\": \"CONSENT_WITHDRAWAL\"", "\"right\": \"GDPR Art. 7(3)\"",
                    "\"outcome\": \"ERASED\"", "CUSTOS-04723");

            assertThat(f.value("SELECT c.email FROM Client c WHERE c.clientId = 'c1'")).isNull();
            assertThat(f.value("SELECT c.name FROM Client c WHERE c.clientId = 'c1'")).isEqualTo("Ada Lund");
            assertThat(f.value("SELECT j.note FROM JournalEntry j WHERE j.client.clientId = 'c1'"))
                    .isEqualTo("Ada sleeps badly");
            assertThat(f.value("SELECT q.answers FROM Questionnaire q WHERE q.id = 1")).isEqualTo("Ada answers");
            assertThat(f.value("SELECT c.email FROM Client c WHERE c.clientId = 'c2'")).isEqualTo("bo@example.org");
            // research still has its consent, so it still reads
            assertThat(f.readQuestionnaire(1L).answers).isEqualTo("Ada answers");

            // the client's id is the subject's: the log names the row by the subject's pseudonym
            assertThat(count(f, "SELECT COUNT(*) FROM custos_erasure_log WHERE entity_name = 'Client'"
                    + " AND entity_id = subject_ref AND entity_id LIKE 'ps1:%' AND attributes = 'email'"
                    + " AND strategy = 'NULLIFY'"
                    + " AND rule_id = 'request:" + request.id() + "'")).isEqualTo(1);
            assertThat(count(f, "SELECT COUNT(*) FROM custos_erasure_log")).isEqualTo(1);
            assertThat(f.audit(1)).containsSubsequence("CONSENT_WITHDRAWN DONE   newsletter",
                    "ERASE DONE Client email data-subject-request", "REQUEST_COMPLETED DONE   data-subject-request");
            assertChainsIntact(f);
            // a withdrawal does not forget the subject
            assertThat(count(f, "SELECT COUNT(*) FROM custos_subject_key WHERE subject_id = 'c1'")).isEqualTo(1);
        }
    }

    @ProviderMatrix
    void withdrawingTheResearchConsentErasesAndShredsTheResearchDataButNotTheNewsletterEmail(JpaUnit unit)
            throws Exception {
        try (RequestFixture f = new RequestFixture(unit)) {
            try (ProcessingContext.Scope scope = ProcessingContext.open("research", "dr.berg")) {
                JpaUnit.inTransaction(f.emf, em -> em.persist(new SealedAnswer(5L, "c1", "Ada sealed")));
            }
            assertThat(count(f, "SELECT COUNT(*) FROM custos_subject_data_key WHERE subject_id = 'c1'")).isEqualTo(1);
            DataSubjectRequest request = f.verified(RequestType.CONSENT_WITHDRAWAL, "c1");

            ErasureReport report = f.executor.withdrawConsent(request.id(), Set.of("research"));

            assertThat(report.lines(ErasureReport.Outcome.ERASED)).extracting(WithdrawalRequestTest::where)
                    .containsExactlyInAnyOrder("Questionnaire.answers", "SealedAnswer.answers");
            assertThat(report.lines(ErasureReport.Outcome.KEPT)).extracting(WithdrawalRequestTest::where)
                    .containsExactlyInAnyOrder("Client.email", "Client.name", "JournalEntry.note");
            assertThat(f.value("SELECT q.answers FROM Questionnaire q WHERE q.id = 1")).isNull();
            assertThat(f.value("SELECT q.answers FROM Questionnaire q WHERE q.id = 2")).isEqualTo("Bo answers");
            assertThat(f.value("SELECT c.email FROM Client c WHERE c.clientId = 'c1'")).isEqualTo("ada@example.org");
            // every CRYPTO_SHRED value of c1 rested on the research consent, so its data key went
            assertThat(count(f, "SELECT COUNT(*) FROM custos_subject_data_key WHERE subject_id = 'c1'")).isZero();
            assertThat(count(f, "SELECT COUNT(*) FROM custos_erasure_log WHERE entity_name = 'SealedAnswer'"
                    + " AND strategy = 'CRYPTO_SHRED'")).isEqualTo(1);
            assertThat(f.audit(1)).contains("ERASE DONE Questionnaire answers data-subject-request",
                    "ERASE DONE SealedAnswer answers data-subject-request");
            assertChainsIntact(f);
        }
    }

    @ProviderMatrix
    void aLegalHoldOnTheSubjectKeepsEverythingAndTheReportNamesTheHold(JpaUnit unit) throws Exception {
        try (RequestFixture f = new RequestFixture(unit)) {
            try (Connection c = f.db.transaction()) {
                new LegalHoldStore().place(c, "c1", Optional.empty(), Optional.empty(),
                        new LegalHold("h-1", "complaint-pending", RequestFixture.NOW.minusSeconds(3600),
                                Optional.empty(), "lawyer", "case 7"));
                c.commit();
            }
            DataSubjectRequest request = f.verified(RequestType.CONSENT_WITHDRAWAL, "c1");

            // no purposes named: every purpose c1 ever consented to
            ErasureReport report = f.executor.withdrawConsent(request.id(), Set.of());

            assertThat(report.request().state()).isEqualTo(RequestState.COMPLETED);
            assertThat(report.lines(ErasureReport.Outcome.ERASED)).isEmpty();
            assertThat(report.lines(ErasureReport.Outcome.KEPT))
                    .filteredOn(l -> l.detail().code().equals("CUSTOS-01117")).extracting(WithdrawalRequestTest::where)
                    .containsExactlyInAnyOrder("Client.email", "Questionnaire.answers");
            assertThat(report.lines(ErasureReport.Outcome.KEPT))
                    .filteredOn(l -> l.detail().code().equals("CUSTOS-01117"))
                    .allSatisfy(l -> assertThat(l.citation()).contains("§ 25, stk. 2"))
                    .allSatisfy(l -> assertThat(l.detail().text()).contains("h-1", "complaint-pending"));
            assertThat(report.lines(ErasureReport.Outcome.KEPT)).extracting(l -> l.detail().code())
                    .containsOnly("CUSTOS-01117", "CUSTOS-04723").hasSize(4);
            // what was withdrawn, as the transaction decided: the CDI layer fires its events from this
            assertThat(report.withdrawnPurposes()).containsExactly("newsletter", "research");
            assertThat(report.summary().text()).contains("[newsletter, research]", "0 resting only on that consent",
                    "4 are kept");
            assertThat(f.value("SELECT c.email FROM Client c WHERE c.clientId = 'c1'")).isEqualTo("ada@example.org");
            assertThat(f.value("SELECT q.answers FROM Questionnaire q WHERE q.id = 1")).isEqualTo("Ada answers");
            assertThat(count(f, "SELECT COUNT(*) FROM custos_erasure_log")).isZero();
            // the withdrawal itself is recorded all the same: processing based on the consent stops
            assertThat(f.audit(1)).contains("CONSENT_WITHDRAWN DONE   newsletter", "CONSENT_WITHDRAWN DONE   research");
            assertThat(report.notes()).extracting(Message::code).isEmpty();
        }
    }
}
