// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.request;

import static dev.custos.jpa.testing.Refusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.custos.core.CustosException;
import dev.custos.core.Message;
import dev.custos.core.consent.ConsentEvent;
import dev.custos.core.gdpr.Applicability;
import dev.custos.core.request.DataSubjectRequest;
import dev.custos.core.request.RequestState;
import dev.custos.core.request.RequestType;
import dev.custos.jpa.access.AccessRefusedException;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.core.retention.LegalHold;
import dev.custos.jpa.internal.store.LegalHoldStore;
import dev.custos.jpa.testing.ProviderMatrix;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Requests that change data or its processing: erasure, rectification, consent withdrawal, restriction, objection. */
class ChangeRequestTest {

    private static String journalNote(RequestFixture f) {
        return (String) f.value("SELECT j.note FROM JournalEntry j WHERE j.client.clientId = 'c1'");
    }

    @ProviderMatrix
    void erasureErasesConsentDataKeepsTheJournalWhileTheDutyLastsAndErasesItAfter(JpaUnit unit) throws Exception {
        try (RequestFixture f = new RequestFixture(unit)) {
            DataSubjectRequest request = f.verified(RequestType.ERASURE, "c1");

            ErasureReport report = f.executor.erase(request.id());

            assertThat(report.lines(ErasureReport.Outcome.ERASED))
                    .extracting(l -> l.entity() + "." + l.attribute() + " " + l.citation())
                    .containsExactlyInAnyOrder("Client.email GDPR Art. 17(1)(b)",
                            "Questionnaire.answers GDPR Art. 17(1)(b)");
            ErasureReport.Line journal = report.lines(ErasureReport.Outcome.KEPT).get(0);
            assertThat(report.lines(ErasureReport.Outcome.KEPT)).hasSize(1);
            assertThat(journal.entity() + "." + journal.attribute()).isEqualTo("JournalEntry.note");
            assertThat(journal.rule()).isEqualTo("journal");
            assertThat(journal.citation()).contains("Autorisationsloven", "§ 25, stk. 1");
            assertThat(journal.exemption()).contains("GDPR Art. 17(3)(b)");
            assertThat(journal.keepUntil()).isPresent();
            assertThat(report.lines(ErasureReport.Outcome.REVIEW)).extracting(ErasureReport.Line::attribute)
                    .containsExactly("name");
            assertThat(report.answered()).isFalse();
            assertThat(report.summary().code()).isEqualTo("CUSTOS-04715");
            assertThat(report.request().state()).isEqualTo(RequestState.IN_PROGRESS);
            assertThat(f.executor.find(request.id()).orElseThrow().state()).isEqualTo(RequestState.IN_PROGRESS);
            assertThat(report.toJson()).contains("\"outcome\": \"KEPT\"", "\"exemption\": \"GDPR Art. 17(3)(b)\"",
                    "\"outcome\": \"REVIEW\"", "\"outcome\": \"ERASED\"");

            assertThat(f.value("SELECT c.email FROM Client c WHERE c.clientId = 'c1'")).isNull();
            assertThat(f.value("SELECT q.answers FROM Questionnaire q WHERE q.id = 1")).isNull();
            assertThat(f.value("SELECT c.name FROM Client c WHERE c.clientId = 'c1'")).isEqualTo("Ada Lund");
            assertThat(journalNote(f)).isEqualTo("Ada sleeps badly");
            assertThat(f.value("SELECT c.email FROM Client c WHERE c.clientId = 'c2'")).isEqualTo("bo@example.org");
            assertThat(f.value("SELECT q.answers FROM Questionnaire q WHERE q.id = 2")).isEqualTo("Bo answers");
            assertThat(f.audit(1)).contains("ERASE DONE Client email data-subject-request",
                    "ERASE DONE Questionnaire answers data-subject-request");

            // five years after the last entry (2025-06-01, Copenhagen) the duty is over
            f.clock.moveTo(Instant.parse("2030-06-02T00:00:00Z"));
            DataSubjectRequest again = f.verified(RequestType.ERASURE, "c1");
            ErasureReport later = f.executor.erase(again.id());

            assertThat(later.lines(ErasureReport.Outcome.ERASED)).extracting(l -> l.entity() + "." + l.attribute())
                    .containsExactly("JournalEntry.note");
            assertThat(journalNote(f)).isNull();
            assertThat(f.audit(1)).contains("ERASE DONE JournalEntry note data-subject-request");
        }
    }

    @ProviderMatrix
    void aLegalHoldKeepsWhatErasureWouldOtherwiseErase(JpaUnit unit) throws Exception {
        try (RequestFixture f = new RequestFixture(unit)) {
            try (Connection c = f.db.transaction()) {
                new LegalHoldStore().place(c, "c1", Optional.of("Questionnaire"), Optional.of("1"),
                        new LegalHold("h-1", "complaint-pending", RequestFixture.NOW.minusSeconds(3600),
                                Optional.empty(), "lawyer", "case 7"));
                c.commit();
            }
            DataSubjectRequest request = f.verified(RequestType.ERASURE, "c1");

            ErasureReport report = f.executor.erase(request.id());

            assertThat(report.lines(ErasureReport.Outcome.KEPT)).extracting(l -> l.entity() + "." + l.attribute())
                    .containsExactlyInAnyOrder("Questionnaire.answers", "JournalEntry.note");
            assertThat(report.lines(ErasureReport.Outcome.ERASED)).extracting(ErasureReport.Line::attribute)
                    .containsExactly("email");
            assertThat(f.value("SELECT q.answers FROM Questionnaire q WHERE q.id = 1")).isEqualTo("Ada answers");
            assertThat(f.value("SELECT c.email FROM Client c WHERE c.clientId = 'c1'")).isNull();
        }
    }

    @ProviderMatrix
    void rectificationChangesTheSubjectsRowsInOneTransactionAndIsAudited(JpaUnit unit) throws Exception {
        try (RequestFixture f = new RequestFixture(unit)) {
            DataSubjectRequest request = f.verified(RequestType.RECTIFICATION, "c1");

            DataSubjectRequest done = f.executor.rectify(request.id(), List.of(
                    new Correction("Client", "c1", "name", "Ada Lund-Berg"),
                    new Correction("Questionnaire", "1", "answers", "Ada answers, corrected")));

            assertThat(done.state()).isEqualTo(RequestState.COMPLETED);
            assertThat(f.value("SELECT c.name FROM Client c WHERE c.clientId = 'c1'")).isEqualTo("Ada Lund-Berg");
            assertThat(f.value("SELECT q.answers FROM Questionnaire q WHERE q.id = 1"))
                    .isEqualTo("Ada answers, corrected");
            assertThat(f.audit(1)).contains("UPDATE DONE Client name data-subject-request",
                    "UPDATE DONE Questionnaire answers data-subject-request");
        }
    }

    @ProviderMatrix
    void aRectificationOfSomeoneElsesRowChangesNothing(JpaUnit unit) throws Exception {
        try (RequestFixture f = new RequestFixture(unit)) {
            DataSubjectRequest request = f.verified(RequestType.RECTIFICATION, "c1");

            CustosException e = catchThrowableOfType(() -> f.executor.rectify(request.id(), List.of(
                    new Correction("Client", "c1", "name", "Ada Lund-Berg"),
                    new Correction("Questionnaire", "2", "answers", "forged"))), CustosException.class);

            assertThat(e.messageId()).isEqualTo("CUSTOS-04708");
            assertThat(f.value("SELECT c.name FROM Client c WHERE c.clientId = 'c1'")).isEqualTo("Ada Lund");
            assertThat(f.value("SELECT q.answers FROM Questionnaire q WHERE q.id = 2")).isEqualTo("Bo answers");
            assertThat(f.executor.find(request.id()).orElseThrow().state())
                    .isEqualTo(RequestState.IDENTITY_VERIFIED);
        }
    }

    @ProviderMatrix
    void afterConsentIsWithdrawnALaterReadIsRefused(JpaUnit unit) throws Exception {
        try (RequestFixture f = new RequestFixture(unit)) {
            assertThat(f.readQuestionnaire(1L).answers).isEqualTo("Ada answers");
            DataSubjectRequest request = f.verified(RequestType.CONSENT_WITHDRAWAL, "c1");

            DataSubjectRequest done = f.executor.withdrawConsent(request.id(), Set.of("research")).request();

            assertThat(done.state()).isEqualTo(RequestState.COMPLETED);
            f.clock.moveTo(RequestFixture.NOW.plusSeconds(1));
            AccessRefusedException refused = refusal(catchThrowable(() -> f.readQuestionnaire(1L)));
            assertThat(refused.reasons()).extracting(Message::code).containsExactly("CUSTOS-02003");
            assertThat(f.audit(1)).contains("CONSENT_WITHDRAWN DONE   research");
        }
    }

    /**
     * A query result's rows are decided together, their subjects' restrictions read at once: a restricted subject's
     * row refuses the result even when every subject has consented, and the result reads again once lifted.
     */
    @ProviderMatrix
    void aRestrictedSubjectsRowRefusesAQueryResultOfSeveralSubjects(JpaUnit unit) throws Exception {
        try (RequestFixture f = new RequestFixture(unit)) {
            f.consent(ConsentEvent.given("c2", "research", RequestFixture.NOW.minus(Duration.ofDays(1)), "notice-1"));
            assertThat(f.readAllQuestionnaires()).containsExactly("Ada answers", "Bo answers");

            f.executor.restrict(f.verified(RequestType.RESTRICTION, "c1").id());
            assertThat(refusal(catchThrowable(f::readAllQuestionnaires)).reasons()).extracting(Message::code)
                    .containsExactly("CUSTOS-04416");

            f.clock.moveTo(RequestFixture.NOW.plusSeconds(60));
            f.executor.liftRestrictions("c1");
            assertThat(f.readAllQuestionnaires()).containsExactly("Ada answers", "Bo answers");
        }
    }

    @ProviderMatrix
    void aRestrictionIsRecordedAndRefusesReadsUntilLifted(JpaUnit unit) throws Exception {
        try (RequestFixture f = new RequestFixture(unit)) {
            assertThat(f.readQuestionnaire(1L).answers).isEqualTo("Ada answers");
            DataSubjectRequest request = f.verified(RequestType.RESTRICTION, "c1");

            f.executor.restrict(request.id());

            assertThat(f.executor.restricted("c1")).isTrue();
            // also when EclipseLink's shared cache holds the entity from the permitted read
            assertThat(refusal(catchThrowable(() -> f.readQuestionnaire(1L))).reasons()).extracting(Message::code)
                    .containsExactly("CUSTOS-04416");
            assertThat(refusal(catchThrowable(() -> f.readQuestionnaire(2L))).reasons()).extracting(Message::code)
                    .as("another subject is not restricted, only without consent").containsExactly("CUSTOS-02002");
            assertThat(f.audit(2)).contains("READ_DENIED DENIED Questionnaire answers research");
            assertThat(f.executor.restricted("c2")).isFalse();
            assertThat(f.executor.restrictions("c1")).extracting(Restriction::requestId).containsExactly(request.id());
            f.clock.moveTo(RequestFixture.NOW.plusSeconds(60));
            assertThat(f.executor.liftRestrictions("c1")).isEqualTo(1);
            assertThat(f.executor.restricted("c1")).isFalse();
            assertThat(f.readQuestionnaire(1L).answers).isEqualTo("Ada answers");
            assertThat(f.executor.restrictions("c1").get(0).liftedAt()).contains(RequestFixture.NOW.plusSeconds(60));
        }
    }

    @ProviderMatrix
    void anObjectionIsAnsweredPerAttributeFromTheRightsMap(JpaUnit unit) throws Exception {
        try (RequestFixture f = new RequestFixture(unit)) {
            DataSubjectRequest request = f.verified(RequestType.OBJECTION, "c1");

            ObjectionReport report = f.executor.object(request.id());

            // nothing in the test model is direct marketing or rests on Art. 6(1)(e) or (f)
            assertThat(report.lines()).extracting(l -> l.entity() + "." + l.attribute())
                    .containsExactlyInAnyOrder("Client.name", "Client.email", "JournalEntry.note",
                            "Questionnaire.answers");
            assertThat(report.lines()).allMatch(l -> l.applicability() == Applicability.DOES_NOT_APPLY);
            assertThat(report.lines()).allMatch(l -> l.detail().code().equals("CUSTOS-04712"));
            assertThat(report.pending()).isEmpty();
            assertThat(report.request().state()).isEqualTo(RequestState.COMPLETED);
            // the answer the requester gets: every attribute with its citation and message id (compared without the
            // writer's indentation)
            assertThat(report.toJson().replaceAll("\\s+", ""))
                    .startsWith("{\"request\":\"" + request.id() + "\",\"type\":\"OBJECTION\"")
                    .contains("\"entity\":\"JournalEntry\",\"attribute\":\"note\",\"applicability\":\"DOES_NOT_APPLY\"")
                    .contains("\"messageId\":\"CUSTOS-04712\"");
        }
    }
}
