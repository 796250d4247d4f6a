// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.CustosException;
import dev.custos.core.consent.ConsentStatus;
import dev.custos.core.gdpr.ErasureExemption;
import dev.custos.core.gdpr.LegalBasis;
import dev.custos.core.gdpr.Processing;
import dev.custos.core.gdpr.SpecialCategoryCondition;
import dev.custos.core.policy.PolicyPack;
import dev.custos.core.policy.PolicyPacks;
import dev.custos.core.policy.PolicyRule;
import dev.custos.core.retention.ErasureDecision.Outcome;
import dev.custos.core.retention.RetentionDecision.Status;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetentionEngineTest {

    private static final ZoneId CPH = ZoneId.of("Europe/Copenhagen");
    private static final PolicyPack PACK = PolicyPacks.load("test");

    private static RetentionEngine engineAt(String localDateTime) {
        return engineAt(PACK, localDateTime);
    }

    private static RetentionEngine engineAt(PolicyPack pack, String localDateTime) {
        Instant now = LocalDateTime.parse(localDateTime).atZone(pack.zone()).toInstant();
        return new RetentionEngine(pack, Clock.fixed(now, pack.zone()));
    }

    private static RecordState anchoredOn(String date) {
        return RecordState.anchoredAt(AnchorValues.toInstant(LocalDate.parse(date), CPH).orElseThrow());
    }

    private static PolicyRule rule(String id) {
        return PACK.rule(id).orElseThrow();
    }

    private static PolicyRule inline(String spec, LegalBasis basis) {
        return PolicyRule.inline(RetentionSpec.parse(spec, "Test.field"), basis, SpecialCategoryCondition.NONE,
                "Test.field");
    }

    @Test
    void journalWhoseLastEntryIs15March2020IsKeptThrough15March2025() {
        RecordState journal = anchoredOn("2020-03-15");
        assertThat(engineAt("2025-03-14T23:59").retainedThrough(rule("journal"), journal))
                .contains(LocalDate.of(2025, 3, 15));
        // the entry may have been made late on its day, so the whole anniversary day is kept too
        assertThat(engineAt("2025-03-15T23:59").decide(rule("journal"), journal).status()).isEqualTo(Status.RETAINED);
        RetentionDecision due = engineAt("2025-03-16T00:00").decide(rule("journal"), journal);
        assertThat(due.status()).isEqualTo(Status.DUE);
        assertThat(due.erasable()).isTrue();
        assertThat(due.detail().code()).isEqualTo("CUSTOS-01111");
        assertThat(due.detail().text()).contains("journal", "Journal Act (fictional) § 1");
        // issue 18: the period ran out, so the data is no longer necessary
        assertThat(due.ground()).contains("GDPR Art. 17(1)(a)");
        assertThat(engineAt("2025-03-15T23:59").decide(rule("journal"), journal).ground()).isEmpty();
    }

    @Test
    void aTimedAnchorIsDueAtTheSameLocalTime() {
        Instant anchor = ZonedDateTime.of(2020, 3, 15, 14, 30, 0, 0, CPH).toInstant();
        Optional<Instant> due = engineAt("2020-03-15T15:00").dueAt(rule("journal"), RecordState.anchoredAt(anchor));
        assertThat(due).contains(ZonedDateTime.of(2025, 3, 15, 14, 30, 0, 0, CPH).toInstant());
        assertThat(engineAt("2025-03-15T14:29").decide(rule("journal"), RecordState.anchoredAt(anchor)).status())
                .isEqualTo(Status.RETAINED);
    }

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource({
            "2020-02-29, P1Y, 2021-02-28",   // leap day to a common year clamps to 28 February
            "2020-02-29, P4Y, 2024-02-29",   // leap day to a leap year keeps it
            "2021-01-31, P1M, 2021-02-28",   // month end clamps
            "2024-01-31, P1M, 2024-02-29",
            "2021-03-31, P1M, 2021-04-30",
            "2021-08-31, P6M, 2022-02-28",
            "2020-12-31, P1Y6M, 2022-06-30",
            "2021-05-10, P2W, 2021-05-24",
            "2021-05-10, P30D, 2021-06-09",
            "2021-05-10, P0D, 2021-05-10",
    })
    void calendarArithmeticKeepsTheDayOfMonthAndClampsAtMonthEnds(String anchor, String period, String due) {
        assertThat(engineAt("2021-01-01T00:00").retainedThrough(inline(period, LegalBasis.CONTRACT), anchoredOn(anchor)))
                .contains(LocalDate.parse(due));
    }

    @Test
    void periodsKeepTheLocalTimeAcrossDaylightSavingChanges() {
        // 10:00 in summer (UTC+2) plus six months is 10:00 in winter (UTC+1), not 09:00
        Instant summer = ZonedDateTime.of(2020, 7, 1, 10, 0, 0, 0, CPH).toInstant();
        Instant due = engineAt("2020-07-01T10:00").dueAt(inline("P6M", LegalBasis.CONTRACT),
                RecordState.anchoredAt(summer)).orElseThrow();
        assertThat(due.atZone(CPH).toLocalDateTime()).isEqualTo(LocalDateTime.of(2021, 1, 1, 10, 0));
        assertThat(due).isEqualTo(Instant.parse("2021-01-01T09:00:00Z"));
    }

    @Test
    void aDueTimeInTheSpringGapMovesForwardNotBack() {
        // 02:30 on 28 March 2021 does not exist in Copenhagen; the due time becomes 03:30, never earlier
        Instant anchor = ZonedDateTime.of(2020, 3, 28, 2, 30, 0, 0, CPH).toInstant();
        Instant due = engineAt("2020-03-28T03:00").dueAt(inline("P1Y", LegalBasis.CONTRACT),
                RecordState.anchoredAt(anchor)).orElseThrow();
        assertThat(due.atZone(CPH).toLocalDateTime()).isEqualTo(LocalDateTime.of(2021, 3, 28, 3, 30));
    }

    @ParameterizedTest(name = "anchor {0}: due {1}")
    @CsvSource({
            "2020-03-15, 2026-01-01",  // five years from the end of fiscal year 2020
            "2020-12-31, 2026-01-01",  // the last day of the year still belongs to it
            "2021-01-01, 2027-01-01",
    })
    void bookkeepingRunsFromTheEndOfTheFiscalYear(String anchor, String due) {
        assertThat(engineAt("2021-06-01T00:00").dueAt(rule("bookkeeping"), anchoredOn(anchor)))
                .contains(LocalDate.parse(due).atStartOfDay(CPH).toInstant());
    }

    @ParameterizedTest(name = "fiscal year ending 30 June, anchor {0}: kept through {1}")
    @CsvSource({
            "2020-03-15, 2025-06-30",
            "2020-06-30, 2025-06-30",
            "2020-07-01, 2026-06-30",
    })
    void aFiscalYearCanEndMidYear(String anchor, String due) {
        PolicyPack june = new PolicyPack("june", "June year", "ZZ", CPH, MonthDay.of(6, 30), "", "test",
                PACK.requests(), PACK.rules(), PACK.holdReasons(), PACK.settings());
        assertThat(engineAt(june, "2021-01-01T00:00").retainedThrough(rule("bookkeeping"), anchoredOn(anchor)))
                .contains(LocalDate.parse(due));
    }

    @Test
    void anActiveLegalHoldKeepsDueDataAndAReleasedOneDoesNot() {
        Instant placed = LocalDate.of(2024, 1, 10).atStartOfDay(CPH).toInstant();
        LegalHold hold = new LegalHold("H-1", "complaint-pending", placed, Optional.empty(), "auditor", "case 7");
        RecordState held = anchoredOn("2019-01-01").withHolds(List.of(hold));

        RetentionDecision decision = engineAt("2025-01-02T00:00").decide(rule("journal"), held);
        assertThat(decision.status()).isEqualTo(Status.HELD);
        assertThat(decision.erasable()).isFalse();
        assertThat(decision.hold()).contains(hold);
        assertThat(decision.detail().code()).isEqualTo("CUSTOS-01112");
        assertThat(decision.detail().text()).contains("H-1", "complaint-pending", "Journal Act (fictional) § 3");

        LegalHold released = new LegalHold("H-1", "complaint-pending", placed,
                Optional.of(LocalDate.of(2024, 6, 1).atStartOfDay(CPH).toInstant()), "auditor", "case 7");
        assertThat(engineAt("2025-01-02T00:00").decide(rule("journal"), held.withHolds(List.of(released))).status())
                .isEqualTo(Status.DUE);
    }

    @Test
    void aHoldPlacedLaterDoesNotApplyYet() {
        Instant later = LocalDate.of(2030, 1, 1).atStartOfDay(CPH).toInstant();
        LegalHold hold = new LegalHold("H-2", "complaint-pending", later, Optional.empty(), "auditor", "");
        assertThat(engineAt("2025-01-02T00:00").decide(rule("journal"),
                anchoredOn("2019-01-01").withHolds(List.of(hold))).status()).isEqualTo(Status.DUE);
    }

    @Test
    void aHoldWithAReasonThepackLacksStillHolds() {
        LegalHold hold = new LegalHold("H-3", "court-order", Instant.EPOCH, Optional.empty(), "auditor", "");
        RetentionDecision decision = engineAt("2025-01-02T00:00").decide(rule("journal"),
                anchoredOn("2019-01-01").withHolds(List.of(hold)));
        assertThat(decision.status()).isEqualTo(Status.HELD);
        assertThat(decision.detail().text()).contains("not in pack test");
    }

    @Test
    void aReviewRuleListsDueDataForAPersonAndKeepsIt() {
        RetentionDecision decision = engineAt("2023-01-01T00:00").decide(rule("inquiry"), anchoredOn("2020-05-01"));
        assertThat(decision.status()).isEqualTo(Status.REVIEW);
        assertThat(decision.erasable()).isFalse();
        assertThat(decision.detail().code()).isEqualTo("CUSTOS-01113");
    }

    @Test
    void withoutAnAnchorNothingIsErased() {
        RecordState noAnchor = new RecordState(Optional.empty(), ConsentStatus.unknown(), List.of());
        RetentionDecision decision = engineAt("2099-01-01T00:00").decide(rule("journal"), noAnchor);
        assertThat(decision.status()).isEqualTo(Status.UNDETERMINED);
        assertThat(decision.erasable()).isFalse();
        assertThat(decision.detail().code()).isEqualTo("CUSTOS-01114");
    }

    @Test
    void consentBoundDataIsKeptWhileConsentStandsAndDueWhenItEnds() {
        RecordState base = new RecordState(Optional.empty(), ConsentStatus.active(), List.of());
        RetentionEngine engine = engineAt("2024-05-01T12:00");
        assertThat(engine.decide(rule("newsletter"), base).status()).isEqualTo(Status.RETAINED);
        assertThat(engine.decide(rule("newsletter"), base).detail().code()).isEqualTo("CUSTOS-01116");

        Instant withdrawn = LocalDateTime.of(2024, 4, 30, 9, 0).atZone(CPH).toInstant();
        RetentionDecision ended = engine.decide(rule("newsletter"), base.withConsent(ConsentStatus.endedAt(withdrawn)));
        assertThat(ended.status()).isEqualTo(Status.DUE);
        assertThat(ended.dueAt()).contains(withdrawn);
        assertThat(ended.ground()).contains("GDPR Art. 17(1)(b)");

        RetentionDecision unknown = engine.decide(rule("newsletter"), base.withConsent(ConsentStatus.unknown()));
        assertThat(unknown.status()).isEqualTo(Status.UNDETERMINED);
        assertThat(unknown.detail().code()).isEqualTo("CUSTOS-01115");
    }

    @Test
    void anUnresolvedPolicyReferenceIsAProgrammingError() {
        PolicyRule unresolved = new PolicyRule("x", "x", LegalBasis.CONTRACT, SpecialCategoryCondition.NONE,
                RetentionSpec.parse("policy:journal", "T.f"), false, Optional.empty(),
                dev.custos.core.policy.DueAction.ERASE, rule("journal").citations(), "", "");
        assertThatThrownBy(() -> engineAt("2024-01-01T00:00").dueAt(unresolved, anchoredOn("2020-01-01")))
                .isInstanceOf(CustosException.class)
                .extracting(e -> ((CustosException) e).messageId()).isEqualTo("CUSTOS-01109");
    }

    @Test
    void anErasureRequestIsRefusedWhileTheDutyToKeepLastsNamingRuleCitationAndExemption() {
        Processing journal = new Processing(LegalBasis.LEGAL_OBLIGATION, SpecialCategoryCondition.HEALTH_OR_SOCIAL_CARE,
                false, false);
        ErasureDecision decision = engineAt("2022-06-01T00:00")
                .assessErasureRequest(rule("journal"), journal, anchoredOn("2020-03-15"));
        assertThat(decision.outcome()).isEqualTo(Outcome.KEEP);
        assertThat(decision.exemption()).contains(ErasureExemption.LEGAL_OBLIGATION);
        assertThat(decision.keepUntil()).contains(LocalDate.of(2025, 3, 16).atStartOfDay(CPH).toInstant().minusNanos(1));
        assertThat(decision.citation()).isEqualTo("Journal Act (fictional) § 1");
        assertThat(decision.detail().code()).isEqualTo("CUSTOS-01119");
        assertThat(decision.detail().text()).contains("Client journal", "2025-03-15", "GDPR Art. 17(3)(b)");
    }

    @Test
    void onceTheDutyHasEndedAnErasureRequestIsGranted() {
        Processing journal = new Processing(LegalBasis.LEGAL_OBLIGATION, SpecialCategoryCondition.HEALTH_OR_SOCIAL_CARE,
                false, false);
        ErasureDecision decision = engineAt("2025-03-16T00:00")
                .assessErasureRequest(rule("journal"), journal, anchoredOn("2020-03-15"));
        assertThat(decision.outcome()).isEqualTo(Outcome.ERASE);
        assertThat(decision.citation()).isEqualTo("GDPR Art. 17(1)(a)");
        assertThat(decision.detail().code()).isEqualTo("CUSTOS-01123");
    }

    @Test
    void aDutyWhoseStartIsUnknownKeepsTheData() {
        Processing books = Processing.of(LegalBasis.LEGAL_OBLIGATION);
        ErasureDecision decision = engineAt("2099-01-01T00:00").assessErasureRequest(rule("bookkeeping"), books,
                new RecordState(Optional.empty(), ConsentStatus.unknown(), List.of()));
        assertThat(decision.outcome()).isEqualTo(Outcome.KEEP);
        assertThat(decision.detail().code()).isEqualTo("CUSTOS-01118");
    }

    @Test
    void aHoldBeatsAnErasureRequestEvenForConsentData() {
        LegalHold hold = new LegalHold("H-9", "complaint-pending", Instant.EPOCH, Optional.empty(), "dpo", "");
        ErasureDecision decision = engineAt("2024-01-01T00:00").assessErasureRequest(rule("newsletter"),
                Processing.of(LegalBasis.CONSENT),
                new RecordState(Optional.empty(), ConsentStatus.active(), List.of(hold)));
        assertThat(decision.outcome()).isEqualTo(Outcome.KEEP);
        assertThat(decision.detail().code()).isEqualTo("CUSTOS-01117");
    }

    @Test
    void consentDataIsErasedOnRequest() {
        ErasureDecision decision = engineAt("2024-01-01T00:00").assessErasureRequest(rule("newsletter"),
                Processing.of(LegalBasis.CONSENT), new RecordState(Optional.empty(), ConsentStatus.active(), List.of()));
        assertThat(decision.outcome()).isEqualTo(Outcome.ERASE);
        assertThat(decision.citation()).isEqualTo("GDPR Art. 17(1)(b)");
        assertThat(decision.detail().code()).isEqualTo("CUSTOS-01122");
    }

    @Test
    void contractDataNeedsAPersonToDecide() {
        ErasureDecision decision = engineAt("2024-01-01T00:00").assessErasureRequest(
                inline("P1Y after last-purchase", LegalBasis.CONTRACT), Processing.of(LegalBasis.CONTRACT),
                anchoredOn("2023-06-01"));
        assertThat(decision.outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(decision.detail().code()).isEqualTo("CUSTOS-01121");
    }

    @Test
    void legalClaimsDataIsKeptForAPersonToWeighWithTheExemption() {
        Processing claims = new Processing(LegalBasis.LEGITIMATE_INTERESTS, SpecialCategoryCondition.LEGAL_CLAIMS,
                false, false);
        ErasureDecision decision = engineAt("2024-01-01T00:00").assessErasureRequest(
                inline("P3Y", LegalBasis.LEGITIMATE_INTERESTS), claims, anchoredOn("2023-06-01"));
        assertThat(decision.outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(decision.exemption()).contains(ErasureExemption.LEGAL_CLAIMS);
        assertThat(decision.detail().code()).isEqualTo("CUSTOS-01121");
    }

    @Test
    void anInlinePeriodIsNeverADutyToKeep() {
        PolicyRule rule = inline("P5Y", LegalBasis.LEGAL_OBLIGATION);
        assertThat(rule.dutyToKeep()).isFalse();
        assertThat(rule.exemption()).isEmpty();
    }

    @Test
    void withdrawingConsentEndsAPeriodEarly() {
        PolicyRule twoYears = inline("P2Y", LegalBasis.CONSENT);
        Instant withdrawn = LocalDateTime.of(2022, 5, 1, 9, 0).atZone(CPH).toInstant();
        RecordState record = anchoredOn("2022-01-10").withConsent(ConsentStatus.endedAt(withdrawn));
        RetentionDecision decision = engineAt("2022-05-02T00:00").decide(twoYears, record);
        assertThat(decision.status()).isEqualTo(Status.DUE);
        assertThat(decision.dueAt()).contains(withdrawn);
        assertThat(decision.ground()).contains("GDPR Art. 17(1)(b)");
        // a consent withdrawn after the period ran out did not end it: the period did
        RecordState late = record.withConsent(ConsentStatus.endedAt(LocalDateTime.of(2024, 3, 1, 9, 0).atZone(CPH)
                .toInstant()));
        assertThat(engineAt("2024-04-01T00:00").decide(twoYears, late).ground()).contains("GDPR Art. 17(1)(a)");
        // while consent stands, the period is the limit
        assertThat(engineAt("2022-05-02T00:00").decide(twoYears, record.withConsent(ConsentStatus.active())).status())
                .isEqualTo(Status.RETAINED);
    }

    @Test
    void aPeriodRuleWithoutAnchorSaysSoEvenWhileConsentStands() {
        RecordState noAnchor = new RecordState(Optional.empty(), ConsentStatus.active(), List.of());
        assertThat(engineAt("2024-01-01T00:00").decide(rule("journal"), noAnchor).detail().code())
                .isEqualTo("CUSTOS-01114");
    }

    @Test
    void whereTheLawAsksForADecisionAnErasureRequestAfterTheDutyGoesToAPerson() {
        Processing record = new Processing(LegalBasis.LEGAL_OBLIGATION, SpecialCategoryCondition.HEALTH_OR_SOCIAL_CARE,
                false, false);
        ErasureDecision decision = engineAt("2031-01-01T00:00")
                .assessErasureRequest(rule("health-record"), record, anchoredOn("2020-03-15"));
        assertThat(decision.outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(decision.detail().code()).isEqualTo("CUSTOS-01125");
        assertThat(engineAt("2031-01-01T00:00").decide(rule("health-record"), anchoredOn("2020-03-15")).status())
                .isEqualTo(Status.REVIEW);
    }

    @Test
    void aLegalObligationWithoutADutyInThePackGoesToAPersonNotToForever() {
        ErasureDecision decision = engineAt("2024-01-01T00:00").assessErasureRequest(rule("session-notes"),
                new Processing(LegalBasis.LEGAL_OBLIGATION, SpecialCategoryCondition.HEALTH_OR_SOCIAL_CARE, false,
                        false), anchoredOn("2023-12-01"));
        assertThat(decision.outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(decision.detail().code()).isEqualTo("CUSTOS-01126");
    }
}
