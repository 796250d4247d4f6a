// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.CustosException;
import dev.custos.core.SafeCause;
import dev.custos.core.consent.ConsentDecision.Reason;
import dev.custos.core.consent.ConsentStatus.State;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConsentEvaluatorTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final String ALICE = "subject-alice";
    private static final String BOB = "subject-bob";
    private static final String NEWSLETTER = "newsletter";
    private static final String RESEARCH = "research";
    private static final Set<String> ANY_NOTICE = Set.of();

    private final ConsentEvaluator evaluator = new ConsentEvaluator(Clock.fixed(NOW, ZoneOffset.UTC));

    private static Instant daysAgo(int days) {
        return NOW.minus(Duration.ofDays(days));
    }

    private static Instant daysAhead(int days) {
        return NOW.plus(Duration.ofDays(days));
    }

    private static ConsentEvent given(String subject, String purpose, Instant at) {
        return ConsentEvent.given(subject, purpose, at, "v1");
    }

    private static ConsentEvent givenUntil(Instant at, Instant expiresAt) {
        return new ConsentEvent(ALICE, NEWSLETTER, ConsentEventType.GIVEN, at, "v1", Optional.of(expiresAt));
    }

    private ConsentDecision evaluate(List<ConsentEvent> ledger) {
        return evaluator.evaluate(ledger, ALICE, NEWSLETTER, ANY_NOTICE);
    }

    // --- evaluate ---

    @Test
    void withoutAnyConsentProcessingIsRefusedAsNeverGiven() {
        ConsentDecision decision = evaluate(List.of());

        assertThat(decision.permitted()).isFalse();
        assertThat(decision.reason()).isEqualTo(Reason.NEVER_GIVEN);
        assertThat(decision.purpose()).isEqualTo(NEWSLETTER);
        assertThat(decision.decisive()).isEmpty();
        assertThat(decision.detail().code()).isEqualTo("CUSTOS-02002");
        assertThat(decision.detail().text()).contains(NEWSLETTER).doesNotContain(ALICE);
    }

    @Test
    void givenConsentPermitsProcessing() {
        ConsentEvent given = given(ALICE, NEWSLETTER, daysAgo(10));

        ConsentDecision decision = evaluate(List.of(given));

        assertThat(decision.permitted()).isTrue();
        assertThat(decision.reason()).isEqualTo(Reason.GIVEN);
        assertThat(decision.decisive()).contains(given);
        assertThat(decision.detail().code()).isEqualTo("CUSTOS-02001");
        assertThat(decision.detail().text()).contains(NEWSLETTER, given.at().toString(), "v1").doesNotContain(ALICE);
    }

    @Test
    void withdrawnConsentRefusesProcessing() {
        ConsentEvent withdrawal = ConsentEvent.withdrawn(ALICE, NEWSLETTER, daysAgo(2));

        ConsentDecision decision = evaluate(List.of(given(ALICE, NEWSLETTER, daysAgo(10)), withdrawal));

        assertThat(decision.permitted()).isFalse();
        assertThat(decision.reason()).isEqualTo(Reason.WITHDRAWN);
        assertThat(decision.decisive()).contains(withdrawal);
        assertThat(decision.detail().code()).isEqualTo("CUSTOS-02003");
        assertThat(decision.detail().text()).contains(withdrawal.at().toString());
    }

    @Test
    void consentGivenAgainAfterWithdrawalPermitsProcessing() {
        ConsentEvent again = given(ALICE, NEWSLETTER, daysAgo(1));

        ConsentDecision decision = evaluate(List.of(
                given(ALICE, NEWSLETTER, daysAgo(10)),
                ConsentEvent.withdrawn(ALICE, NEWSLETTER, daysAgo(5)),
                again));

        assertThat(decision.permitted()).isTrue();
        assertThat(decision.reason()).isEqualTo(Reason.GIVEN);
        assertThat(decision.decisive()).contains(again);
    }

    @Test
    void consentIsPerPurpose() {
        List<ConsentEvent> ledger = List.of(given(ALICE, NEWSLETTER, daysAgo(10)));

        ConsentDecision research = evaluator.evaluate(ledger, ALICE, RESEARCH, ANY_NOTICE);

        assertThat(research.permitted()).isFalse();
        assertThat(research.reason()).isEqualTo(Reason.NEVER_GIVEN);
        assertThat(research.purpose()).isEqualTo(RESEARCH);
        assertThat(evaluator.evaluate(ledger, ALICE, NEWSLETTER, ANY_NOTICE).permitted()).isTrue();
    }

    @Test
    void withdrawingOnePurposeLeavesAnotherInForce() {
        List<ConsentEvent> ledger = List.of(
                given(ALICE, NEWSLETTER, daysAgo(10)),
                given(ALICE, RESEARCH, daysAgo(10)),
                ConsentEvent.withdrawn(ALICE, RESEARCH, daysAgo(1)));

        assertThat(evaluator.evaluate(ledger, ALICE, NEWSLETTER, ANY_NOTICE).permitted()).isTrue();
        assertThat(evaluator.evaluate(ledger, ALICE, RESEARCH, ANY_NOTICE).reason()).isEqualTo(Reason.WITHDRAWN);
    }

    @Test
    void consentIsPerSubject() {
        List<ConsentEvent> ledger = List.of(
                given(BOB, NEWSLETTER, daysAgo(10)),
                given(ALICE, NEWSLETTER, daysAgo(10)),
                ConsentEvent.withdrawn(BOB, NEWSLETTER, daysAgo(1)));

        assertThat(evaluator.evaluate(ledger, ALICE, NEWSLETTER, ANY_NOTICE).permitted()).isTrue();
        assertThat(evaluator.evaluate(ledger, BOB, NEWSLETTER, ANY_NOTICE).reason()).isEqualTo(Reason.WITHDRAWN);
        assertThat(evaluator.evaluate(List.of(given(BOB, NEWSLETTER, daysAgo(10))), ALICE, NEWSLETTER, ANY_NOTICE)
                .reason()).isEqualTo(Reason.NEVER_GIVEN);
    }

    @Test
    void aWithdrawalScheduledInTheFutureDoesNotYetTakeEffect() {
        ConsentEvent given = given(ALICE, NEWSLETTER, daysAgo(10));

        ConsentDecision decision = evaluate(List.of(given, ConsentEvent.withdrawn(ALICE, NEWSLETTER, daysAhead(1))));

        assertThat(decision.permitted()).isTrue();
        assertThat(decision.decisive()).contains(given);
    }

    @Test
    void consentStampedAfterNowIsNotYetGiven() {
        ConsentDecision decision = evaluate(List.of(given(ALICE, NEWSLETTER, NOW.plusSeconds(1))));

        assertThat(decision.permitted()).isFalse();
        assertThat(decision.reason()).isEqualTo(Reason.NEVER_GIVEN);
    }

    @Test
    void anEventStampedExactlyNowIsInEffect() {
        ConsentDecision decision = evaluate(List.of(
                given(ALICE, NEWSLETTER, daysAgo(10)),
                ConsentEvent.withdrawn(ALICE, NEWSLETTER, NOW)));

        assertThat(decision.reason()).isEqualTo(Reason.WITHDRAWN);
    }

    @Test
    void theLatestEventInTimeDecidesEvenIfAnOlderOneWasAppendedLater() {
        ConsentEvent withdrawal = ConsentEvent.withdrawn(ALICE, NEWSLETTER, daysAgo(1));

        // A late-arriving copy of an older consent must not revive it.
        ConsentDecision decision = evaluate(List.of(withdrawal, given(ALICE, NEWSLETTER, daysAgo(10))));

        assertThat(decision.reason()).isEqualTo(Reason.WITHDRAWN);
        assertThat(decision.decisive()).contains(withdrawal);
    }

    @Test
    void consentPastItsExpiryIsExpired() {
        Instant expiresAt = daysAgo(1);

        ConsentDecision decision = evaluate(List.of(givenUntil(daysAgo(400), expiresAt)));

        assertThat(decision.permitted()).isFalse();
        assertThat(decision.reason()).isEqualTo(Reason.EXPIRED);
        assertThat(decision.detail().code()).isEqualTo("CUSTOS-02004");
        assertThat(decision.detail().text()).contains(expiresAt.toString());
    }

    @Test
    void consentExpiringExactlyNowIsExpired() {
        assertThat(evaluate(List.of(givenUntil(daysAgo(400), NOW))).reason()).isEqualTo(Reason.EXPIRED);
    }

    @Test
    void consentBeforeItsExpiryPermitsProcessing() {
        ConsentDecision decision = evaluate(List.of(givenUntil(daysAgo(10), NOW.plusSeconds(1))));

        assertThat(decision.permitted()).isTrue();
        assertThat(decision.reason()).isEqualTo(Reason.GIVEN);
    }

    @Test
    void anExplicitExpiredEventEndsConsent() {
        ConsentEvent expired = new ConsentEvent(ALICE, NEWSLETTER, ConsentEventType.EXPIRED, daysAgo(1), "",
                Optional.empty());

        ConsentDecision decision = evaluate(List.of(given(ALICE, NEWSLETTER, daysAgo(400)), expired));

        assertThat(decision.permitted()).isFalse();
        assertThat(decision.reason()).isEqualTo(Reason.EXPIRED);
        assertThat(decision.decisive()).contains(expired);
        assertThat(decision.detail().code()).isEqualTo("CUSTOS-02004");
        assertThat(decision.detail().text()).contains(expired.at().toString());
    }

    @Test
    void consentUnderANoticeNoLongerAcceptedIsRefused() {
        ConsentEvent given = given(ALICE, NEWSLETTER, daysAgo(10));

        ConsentDecision decision = evaluator.evaluate(List.of(given), ALICE, NEWSLETTER, Set.of("v3", "v2"));

        assertThat(decision.permitted()).isFalse();
        assertThat(decision.reason()).isEqualTo(Reason.NOTICE_OUTDATED);
        assertThat(decision.decisive()).contains(given);
        assertThat(decision.detail().code()).isEqualTo("CUSTOS-02005");
        assertThat(decision.detail().text()).contains("notice v1").contains("accepted: v2, v3");
    }

    @Test
    void consentUnderAnAcceptedNoticePermitsProcessing() {
        ConsentDecision decision = evaluator.evaluate(List.of(given(ALICE, NEWSLETTER, daysAgo(10))), ALICE,
                NEWSLETTER, Set.of("v1", "v2"));

        assertThat(decision.permitted()).isTrue();
    }

    @Test
    void anEmptyAcceptedSetAcceptsAnyNoticeVersion() {
        ConsentEvent given = ConsentEvent.given(ALICE, NEWSLETTER, daysAgo(10), "2019-legacy");

        assertThat(evaluator.evaluate(List.of(given), ALICE, NEWSLETTER, Set.of()).permitted()).isTrue();
    }

    @Test
    void expiryIsReportedBeforeAnOutdatedNotice() {
        ConsentDecision decision = evaluator.evaluate(List.of(givenUntil(daysAgo(400), daysAgo(1))), ALICE,
                NEWSLETTER, Set.of("v2"));

        assertThat(decision.reason()).isEqualTo(Reason.EXPIRED);
    }

    @Test
    void forEventsAtTheSameInstantTheLaterInLedgerOrderWins() {
        Instant same = daysAgo(3);
        ConsentEvent given = given(ALICE, NEWSLETTER, same);
        ConsentEvent withdrawn = ConsentEvent.withdrawn(ALICE, NEWSLETTER, same);

        ConsentDecision withdrawnLast = evaluate(List.of(given, withdrawn));
        ConsentDecision givenLast = evaluate(List.of(withdrawn, given));

        assertThat(withdrawnLast.reason()).isEqualTo(Reason.WITHDRAWN);
        assertThat(withdrawnLast.decisive()).contains(withdrawn);
        assertThat(givenLast.reason()).isEqualTo(Reason.GIVEN);
        assertThat(givenLast.decisive()).contains(given);
    }

    // --- status, for the retention engine ---

    @Test
    void statusIsActiveWhileConsentStands() {
        assertThat(evaluator.status(List.of(given(ALICE, NEWSLETTER, daysAgo(10))), ALICE, NEWSLETTER))
                .isEqualTo(ConsentStatus.active());
    }

    @Test
    void statusEndsAtTheWithdrawal() {
        Instant withdrawnAt = daysAgo(2);

        ConsentStatus status = evaluator.status(List.of(given(ALICE, NEWSLETTER, daysAgo(10)),
                ConsentEvent.withdrawn(ALICE, NEWSLETTER, withdrawnAt)), ALICE, NEWSLETTER);

        assertThat(status.state()).isEqualTo(State.ENDED);
        assertThat(status.endedAt()).contains(withdrawnAt);
    }

    @Test
    void statusEndsAtTheExpiryTimeNotAtNow() {
        Instant expiresAt = daysAgo(5);

        ConsentStatus status = evaluator.status(List.of(givenUntil(daysAgo(400), expiresAt)), ALICE, NEWSLETTER);

        assertThat(status.state()).isEqualTo(State.ENDED);
        assertThat(status.endedAt()).contains(expiresAt);
    }

    @Test
    void statusEndsAtAnExplicitExpiredEvent() {
        Instant expiredAt = daysAgo(5);
        ConsentEvent expired = new ConsentEvent(ALICE, NEWSLETTER, ConsentEventType.EXPIRED, expiredAt, "",
                Optional.empty());

        ConsentStatus status = evaluator.status(List.of(given(ALICE, NEWSLETTER, daysAgo(400)), expired), ALICE,
                NEWSLETTER);

        assertThat(status).isEqualTo(ConsentStatus.endedAt(expiredAt));
    }

    @Test
    void statusIsActiveBeforeTheExpiryAndBeforeAScheduledWithdrawal() {
        assertThat(evaluator.status(List.of(givenUntil(daysAgo(10), daysAhead(10))), ALICE, NEWSLETTER).state())
                .isEqualTo(State.ACTIVE);
        assertThat(evaluator.status(List.of(given(ALICE, NEWSLETTER, daysAgo(10)),
                ConsentEvent.withdrawn(ALICE, NEWSLETTER, daysAhead(1))), ALICE, NEWSLETTER).state())
                .isEqualTo(State.ACTIVE);
    }

    @Test
    void statusIsUnknownWhenNothingIsRecordedForTheSubjectAndPurpose() {
        assertThat(evaluator.status(List.of(), ALICE, NEWSLETTER)).isEqualTo(ConsentStatus.unknown());
        assertThat(evaluator.status(List.of(given(ALICE, RESEARCH, daysAgo(1)), given(BOB, NEWSLETTER, daysAgo(1))),
                ALICE, NEWSLETTER).state()).isEqualTo(State.UNKNOWN);
        assertThat(ConsentStatus.unknown().endedAt()).isEmpty();
    }

    @Test
    void anEndedStatusAlwaysCarriesItsEndAndNoOtherStateDoes() {
        assertThatThrownBy(() -> new ConsentStatus(State.ENDED, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConsentStatus(State.ACTIVE, Optional.of(NOW)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --- fail closed ---

    @Test
    void anUnreadableLedgerRefusesProcessing() {
        ConsentDecision decision = ConsentDecision.unavailable(NEWSLETTER,
                SafeCause.of(new SQLException("connection refused to " + ALICE, "08001")));

        assertThat(decision.permitted()).isFalse();
        assertThat(decision.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(decision.purpose()).isEqualTo(NEWSLETTER);
        assertThat(decision.decisive()).isEmpty();
        assertThat(decision.detail().code()).isEqualTo("CUSTOS-02006");
        assertThat(decision.detail().text()).contains(NEWSLETTER, "SQLException (SQLState 08001")
                .doesNotContain(ALICE);
    }

    @Test
    void aDecisionCannotPermitForAnyReasonButGiven() {
        assertThatThrownBy(() -> new ConsentDecision(true, Reason.UNAVAILABLE, NEWSLETTER, Optional.empty(),
                ConsentMessages.ledgerUnavailable(NEWSLETTER, SafeCause.of(new IllegalStateException()))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConsentDecision(false, Reason.GIVEN, NEWSLETTER, Optional.empty(),
                ConsentMessages.neverGiven(NEWSLETTER)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --- bad ledger events ---

    @Test
    void anEventsSubjectIdFitsCustosColumnAndIsNotEchoedWhenItDoesNot() {
        String tooLong = "s".repeat(dev.custos.core.request.DataSubjectRequest.MAX_SUBJECT_ID_LENGTH + 1);
        assertThatThrownBy(() -> ConsentEvent.given(tooLong, NEWSLETTER, NOW, "v1"))
                .isInstanceOf(CustosException.class)
                .hasMessageContaining("CUSTOS-02036").hasMessageContaining("201 characters")
                .hasMessageNotContaining("sss");
        assertThat(ConsentEvent.given(tooLong.substring(1), NEWSLETTER, NOW, "v1").subjectId()).hasSize(200);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void anEventNeedsASubject(String subject) {
        assertThatThrownBy(() -> ConsentEvent.given(subject, NEWSLETTER, NOW, "v1"))
                .isInstanceOf(CustosException.class)
                .extracting(e -> ((CustosException) e).messageId())
                .isEqualTo("CUSTOS-02007");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void anEventNeedsAPurpose(String purpose) {
        assertThatThrownBy(() -> ConsentEvent.withdrawn(ALICE, purpose, NOW))
                .isInstanceOf(CustosException.class)
                .hasMessageNotContaining(ALICE) // messages reach logs: they never name the subject
                .extracting(e -> ((CustosException) e).messageId())
                .isEqualTo("CUSTOS-02008");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void givenConsentNeedsTheNoticeVersionTheSubjectWasShown(String notice) {
        assertThatThrownBy(() -> ConsentEvent.given(ALICE, NEWSLETTER, NOW, notice))
                .isInstanceOf(CustosException.class)
                .hasMessageNotContaining(ALICE)
                .hasMessageContaining(NEWSLETTER)
                .extracting(e -> ((CustosException) e).messageId())
                .isEqualTo("CUSTOS-02009");
    }

    @Test
    void withdrawalAndExpiryNeedNoNoticeVersion() {
        assertThat(ConsentEvent.withdrawn(ALICE, NEWSLETTER, NOW).noticeVersion()).isEmpty();
        assertThat(new ConsentEvent(ALICE, NEWSLETTER, ConsentEventType.EXPIRED, NOW, "", Optional.empty()).type())
                .isEqualTo(ConsentEventType.EXPIRED);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, -86_400})
    void expiryMustBeAfterTheConsentWasGiven(long offsetSeconds) {
        Instant at = daysAgo(1);

        assertThatThrownBy(() -> givenUntil(at, at.plusSeconds(offsetSeconds)))
                .isInstanceOf(CustosException.class)
                .hasMessageContaining(at.toString())
                .hasMessageNotContaining(ALICE)
                .extracting(e -> ((CustosException) e).messageId())
                .isEqualTo("CUSTOS-02010");
    }
}
