// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.gdpr.ErasureExemption;
import dev.custos.core.gdpr.LegalBasis;
import dev.custos.core.gdpr.SpecialCategoryCondition;
import dev.custos.core.request.Deadline;
import dev.custos.core.request.RequestDeadlines;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the shipped packs say; the tests named for no pack hold for every shipped pack. */
class BuiltInPacksTest {

    private static final PolicyPack GDPR = PolicyPacks.load("gdpr");
    private static final PolicyPack DK = PolicyPacks.load("dk");
    private static final PolicyPack NO = PolicyPacks.load("no");

    static Stream<PolicyPack> shipped() {
        return PolicyPacks.BUILT_IN.stream().map(PolicyPacks::load);
    }

    @Test
    void theBuiltInPacksLoad() {
        assertThat(PolicyPacks.BUILT_IN).containsExactly("gdpr", "dk", "no");
        assertThat(GDPR.id()).isEqualTo("gdpr");
        assertThat(GDPR.jurisdiction()).isEqualTo("EU");
        assertThat(GDPR.zone()).isEqualTo(ZoneId.of("Europe/Brussels"));
        assertThat(GDPR.fiscalYearEnd().toString()).isEqualTo("--12-31");
        assertThat(DK.id()).isEqualTo("dk");
        assertThat(DK.jurisdiction()).isEqualTo("DK");
        assertThat(DK.zone()).isEqualTo(ZoneId.of("Europe/Copenhagen"));
        assertThat(NO.id()).isEqualTo("no");
        assertThat(NO.jurisdiction()).isEqualTo("NO");
        assertThat(NO.zone()).isEqualTo(ZoneId.of("Europe/Oslo"));
        assertThat(DK.fiscalYearEnd().toString()).isEqualTo("--12-31");
        assertThat(NO.fiscalYearEnd().toString()).isEqualTo("--12-31");
    }

    @Test
    void danishRetentionsArePinned() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("journal", "P5Y after last-entry");
        expected.put("partner-information", "P5Y after last-entry");
        expected.put("handwritten-notes", "P0D after transferred-to-journal");
        expected.put("course-questionnaires", "P0D after course-end");
        expected.put("gp-disclosure-consent", "P5Y after last-entry");
        expected.put("bookkeeping", "P5Y after fiscal-year-end");
        expected.put("contact-inquiry", "P12M after last-correspondence");
        expected.put("newsletter", "until-consent-withdrawn");
        expected.put("event-participation", "P3M after event-date");
        expected.put("consulting-customer", "P1Y after last-purchase");
        expected.put("website-statistics", "P0D after visit");
        expected.put("job-applicant", "P6M after recruitment-end");
        assertThat(retentions(DK)).containsExactlyEntriesOf(expected);
    }

    @Test
    void norwegianRetentionsArePinned() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("journal", "P10Y after last-entry");
        expected.put("bookkeeping", "P5Y after fiscal-year-end");
        expected.put("bookkeeping-secondary", "P3Y6M after fiscal-year-end");
        expected.put("inquiry", "P2Y after last-correspondence");
        expected.put("video-chat", "P0D after room-closed");
        expected.put("session-recording", "until-consent-withdrawn");
        expected.put("job-applicant", "P0D after recruitment-end");
        expected.put("applicant-pool", "until-consent-withdrawn");
        expected.put("contractor", "P0D after collaboration-end");
        expected.put("partner-contact", "P5Y after collaboration-end");
        expected.put("newsletter", "until-consent-withdrawn");
        expected.put("newsletter-analytics", "P0D after unsubscribed at next privacy-review-day");
        expected.put("website-comment", "P2Y after comment-posted");
        assertThat(retentions(NO)).containsExactlyEntriesOf(expected);
    }

    @Test
    void gdprRetentionsArePinnedAndFollowConsentOnly() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("newsletter", "until-consent-withdrawn");
        expected.put("explicit-consent", "until-consent-withdrawn");
        assertThat(retentions(GDPR)).containsExactlyEntriesOf(expected);
        assertThat(GDPR.rule("newsletter").orElseThrow().basis()).isEqualTo(LegalBasis.CONSENT);
        assertThat(GDPR.rule("newsletter").orElseThrow().condition()).isEqualTo(SpecialCategoryCondition.NONE);
        PolicyRule special = GDPR.rule("explicit-consent").orElseThrow();
        assertThat(special.basis()).isEqualTo(LegalBasis.CONSENT);
        assertThat(special.condition()).isEqualTo(SpecialCategoryCondition.EXPLICIT_CONSENT);
        assertThat(special.citations()).extracting(Citation::reference)
                .contains("Art. 6(1)(a), Art. 9(2)(a)", "Art. 7(3)", "Art. 17(1)(b)");
    }

    @Test
    void gdprCitesTheRegulationAloneAndKeepsNothingAsANationalDuty() {
        assertThat(allCitations(GDPR)).extracting(Citation::source)
                .containsOnly("Regulation (EU) 2016/679 (GDPR)");
        assertThat(dutyRules(GDPR)).isEmpty();
        assertThat(reviewRules(GDPR)).isEmpty();
        assertThat(GDPR.auditIdentity()).isEmpty();
        assertThat(GDPR.holdReasons().keySet()).containsExactly("legal-claims");
    }

    @Test
    void gdprDigitalConsentAgeIsSixteenWhichANationalPackMayLower() {
        PackSetting age = GDPR.setting("digital-consent-age").orElseThrow();
        assertThat(age.value()).isEqualTo("16");
        assertThat(age.citations()).extracting(Citation::reference).containsExactly("Art. 8(1)");
        assertThat(age.note()).contains("13");
        assertThat(settingValues(GDPR)).containsOnlyKeys("digital-consent-age");
        // the national packs set their own country's lower age
        assertThat(Integer.parseInt(DK.setting("digital-consent-age").orElseThrow().value())).isLessThan(16);
        assertThat(Integer.parseInt(NO.setting("digital-consent-age").orElseThrow().value())).isLessThan(16);
    }

    @Test
    void danishJournalIsALegalDutyFromTheLastEntryNotConsent() {
        PolicyRule journal = DK.rule("journal").orElseThrow();
        assertThat(journal.retention().toString()).isEqualTo("P5Y after last-entry");
        assertThat(journal.basis()).isEqualTo(LegalBasis.LEGAL_OBLIGATION);
        assertThat(journal.condition()).isEqualTo(SpecialCategoryCondition.HEALTH_OR_SOCIAL_CARE);
        assertThat(journal.dutyToKeep()).isTrue();
        assertThat(journal.exemption()).contains(ErasureExemption.LEGAL_OBLIGATION);
        assertThat(journal.onDue()).isEqualTo(DueAction.ERASE);
        // the seed's own wording differs from the law and is recorded, paraphrased
        assertThat(journal.seedWording()).contains("last session").contains("consent");
        assertThat(journal.note()).contains("last entry").contains("31 December 2025");
        // current law and the pre-2026 law are both cited; the 5-year inference is flagged
        assertThat(journal.citations()).extracting(Citation::toString)
                .anyMatch(c -> c.startsWith("Autorisationsloven") && c.contains("§ 21"))
                .anyMatch(c -> c.startsWith("Autorisationsloven") && c.contains("§ 25, stk. 1"))
                .anyMatch(c -> c.startsWith("Psykologloven") && c.contains("§ 14, stk. 2"))
                .anyMatch(c -> c.startsWith("BEK nr. 567") && c.contains("§ 6, stk. 1"));
        assertThat(journal.verified()).isFalse();
    }

    @Test
    void norwegianJournalIsReviewedNotErasedAndIsNotPortable() {
        PolicyRule journal = NO.rule("journal").orElseThrow();
        assertThat(journal.retention().toString()).isEqualTo("P10Y after last-entry");
        assertThat(journal.basis()).isEqualTo(LegalBasis.LEGAL_OBLIGATION);
        assertThat(journal.condition()).isEqualTo(SpecialCategoryCondition.HEALTH_OR_SOCIAL_CARE);
        assertThat(journal.dutyToKeep()).isTrue();
        assertThat(journal.exemption()).contains(ErasureExemption.LEGAL_OBLIGATION);
        assertThat(journal.onDue()).isEqualTo(DueAction.REVIEW);
        assertThat(journal.note()).contains("Art. 6(1)(b)").contains("Art. 20").contains("§ 5-1").contains("§ 41");
        // Art. 20 does not apply to the journal, so it is explained in the note, never cited as a source
        assertThat(journal.citations()).extracting(Citation::reference).noneMatch(r -> r.contains("Art. 20"));
        assertThat(journal.citations()).extracting(Citation::toString)
                .anyMatch(c -> c.startsWith("Pasientjournalloven") && c.contains("§ 25"))
                .anyMatch(c -> c.startsWith("Helsepersonelloven") && c.contains("§ 43"))
                .anyMatch(c -> c.startsWith("Privacy policy of the Norwegian model clinic"));
    }

    @Test
    void danishDisclosureConsentRecordIsKeptUnderTheJournalDuty() {
        PolicyRule consent = DK.rule("gp-disclosure-consent").orElseThrow();
        PolicyRule journal = DK.rule("journal").orElseThrow();
        // the consent permits the disclosure; the record of it is journal content, kept as a legal duty
        assertThat(consent.basis()).isEqualTo(LegalBasis.LEGAL_OBLIGATION);
        assertThat(consent.condition()).isEqualTo(SpecialCategoryCondition.HEALTH_OR_SOCIAL_CARE);
        assertThat(consent.retention()).isEqualTo(journal.retention());
        assertThat(consent.dutyToKeep()).isTrue();
        assertThat(consent.exemption()).contains(ErasureExemption.LEGAL_OBLIGATION);
        assertThat(consent.onDue()).isEqualTo(DueAction.ERASE);
        assertThat(consent.citations()).extracting(Citation::toString)
                .anyMatch(c -> c.startsWith("Autorisationsloven") && c.contains("§ 21"))
                .anyMatch(c -> c.startsWith("Autorisationsloven") && c.contains("§ 25, stk. 1"))
                .anyMatch(c -> c.startsWith("BEK nr. 567") && c.contains("§ 4, stk. 2"))
                .anyMatch(c -> c.contains("Art. 7(1)"))
                .noneMatch(c -> c.contains("Art. 6(1)(a)"));
        assertThat(consent.note()).contains("permits the disclosure").contains("Art. 7(1)")
                .contains("§ 4, stk. 2");
    }

    @Test
    void bookkeepingIsADutyCountedFromTheFiscalYearEnd() {
        for (PolicyRule rule : List.of(DK.rule("bookkeeping").orElseThrow(), NO.rule("bookkeeping").orElseThrow(),
                NO.rule("bookkeeping-secondary").orElseThrow())) {
            assertThat(rule.basis()).as(rule.id()).isEqualTo(LegalBasis.LEGAL_OBLIGATION);
            assertThat(rule.dutyToKeep()).as(rule.id()).isTrue();
            assertThat(rule.exemption()).as(rule.id()).contains(ErasureExemption.LEGAL_OBLIGATION);
            assertThat(rule.onDue()).as(rule.id()).isEqualTo(DueAction.ERASE);
        }
        assertThat(DK.rule("bookkeeping").orElseThrow().citationLine())
                .contains("Bogføringsloven (lov nr. 700 af 24. maj 2022) § 12, stk. 1");
        assertThat(NO.rule("bookkeeping").orElseThrow().citationLine()).contains("§ 13, second paragraph");
        // 3.5 years rest on guidance whose section is not verified
        assertThat(NO.rule("bookkeeping-secondary").orElseThrow().verified()).isFalse();
    }

    @Test
    void onlyStatutoryRecordsAreDutiesToKeep() {
        assertThat(dutyRules(DK)).containsExactly("journal", "partner-information", "gp-disclosure-consent",
                "bookkeeping");
        assertThat(dutyRules(NO)).containsExactly("journal", "bookkeeping", "bookkeeping-secondary");
        assertThat(reviewRules(DK)).isEmpty();
        assertThat(reviewRules(NO)).containsExactly("journal", "inquiry", "website-comment");
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void everyRuleSettingAndHoldReasonIsCited(PolicyPack pack) {
        assertThat(pack.rules()).isNotEmpty();
        assertThat(pack.rules().values()).allSatisfy(r -> assertThat(r.citations()).as(r.id()).isNotEmpty());
        assertThat(pack.settings().values()).allSatisfy(s -> assertThat(s.citations()).as(s.name()).isNotEmpty());
        assertThat(pack.holdReasons().values()).allSatisfy(h -> assertThat(h.citations()).as(h.id()).isNotEmpty());
        assertThat(pack.requests().citations()).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void everyUnverifiedCitationSaysWhy(PolicyPack pack) {
        assertThat(allCitations(pack)).filteredOn(c -> !c.verified())
                .allSatisfy(c -> assertThat(c.note()).as(c.toString()).isNotBlank());
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void everyCitationOfTheRegulationNotListedInLawFactsSaysWhatItWasCheckedAgainst(PolicyPack pack) {
        // law-facts lists Art. 6, 9, 12(3), 17(3), 18, 20, 21 and 30; another article needs a note on its check
        List<String> listed = List.of("Art. 6(", "Art. 9(", "Art. 12(3)", "Art. 17(3)", "Art. 18", "Art. 20",
                "Art. 21", "Art. 30");
        assertThat(allCitations(pack))
                .filteredOn(c -> c.source().equals("Regulation (EU) 2016/679 (GDPR)"))
                .filteredOn(c -> Stream.of(c.reference().split(", "))
                        .anyMatch(ref -> listed.stream().noneMatch(ref::startsWith)))
                .allSatisfy(c -> assertThat(c.note()).as(c.toString()).contains("not listed in law-facts"));
    }

    @Test
    void inferencesAndUnknownSectionsAreMarkedUnverified() {
        assertThat(unverified(DK)).containsExactlyInAnyOrder(
                "journal", "partner-information", "gp-disclosure-consent", "consulting-customer",
                "website-statistics");
        assertThat(unverified(NO)).containsExactlyInAnyOrder(
                "bookkeeping-secondary", "session-recording", "partner-contact", "website-comment");
        assertThat(unverified(GDPR)).isEmpty();
        assertThat(NO.setting("digital-consent-age").orElseThrow().citations())
                .anyMatch(c -> !c.verified() && c.source().startsWith("Personopplysningsloven"));
    }

    @Test
    void requestDeadlines() {
        assertThat(NO.requests().promisedWithin()).contains(Period.ofDays(30));
        assertThat(DK.requests().promisedWithin()).isEmpty();
        // the Regulation's calendar month, with the two further months it allows
        assertThat(GDPR.requests().promisedWithin()).isEmpty();
        assertThat(GDPR.requests().citations()).singleElement().satisfies(c ->
                assertThat(c.note()).contains("one calendar month").contains("two further months"));
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void aRequestIsAnsweredWithinTheCalendarMonthOrTheTwoFurtherMonthsOfAnExtension(PolicyPack pack) {
        LocalDate received = LocalDate.of(2025, 1, 31);
        Instant at = received.atTime(12, 0).atZone(pack.zone()).toInstant();
        Deadline deadline = RequestDeadlines.deadline(at, pack.zone(), pack.requests().promisedWithin());
        assertThat(deadline.lastDay()).isBeforeOrEqualTo(LocalDate.of(2025, 2, 28));
        if (pack.requests().promisedWithin().isEmpty()) {
            assertThat(deadline.lastDay()).isEqualTo(LocalDate.of(2025, 2, 28));
            assertThat(deadline.basis()).isEqualTo(RequestDeadlines.LEGAL_BASIS);
        }
        assertThat(RequestDeadlines.extended(at, pack.zone()).lastDay()).isEqualTo(LocalDate.of(2025, 4, 30));
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void requestDeadlinesCiteArticle12(PolicyPack pack) {
        assertThat(pack.requests().citations()).extracting(Citation::toString)
                .contains("Regulation (EU) 2016/679 (GDPR) Art. 12(3)");
    }

    @Test
    void settings() {
        Map<String, String> dk = new LinkedHashMap<>();
        dk.put("digital-consent-age", "15");
        dk.put("national-id-basis", "consent-or-health-professional-secrecy");
        assertThat(settingValues(DK)).containsExactlyEntriesOf(dk);
        assertThat(DK.setting("digital-consent-age").orElseThrow().note()).contains("before");
        assertThat(DK.setting("national-id-basis").orElseThrow().citations()).extracting(Citation::reference)
                .contains("§ 11, stk. 2, nr. 2", "§ 11, stk. 2, nr. 4, jf. § 7, stk. 3");
        Map<String, String> no = new LinkedHashMap<>();
        no.put("digital-consent-age", "13");
        no.put("privacy-review-day", "--01-31");
        no.put("health-consent-age-minors", "18");
        assertThat(settingValues(NO)).containsExactlyEntriesOf(no);
        assertThat(NO.setting("digital-consent-age").orElseThrow().note()).contains("15");
        assertThat(NO.setting("journal-access")).isEmpty();
        assertThat(NO.rule("journal").orElseThrow().access()).isEqualTo(RuleAccess.ASSIGNED_CALLER);
        assertThat(NO.rule("journal").orElseThrow().citations()).extracting(Citation::reference).contains("§ 21a");
        assertThat(DK.rule("journal").orElseThrow().access()).isEqualTo(RuleAccess.ANY);
    }

    @Test
    void holdReasons() {
        assertThat(DK.holdReasons().keySet()).containsExactly(
                "legal-claims", "complaint-pending", "supervision-pending", "compensation-case-pending",
                "deletion-request-pending");
        assertThat(NO.holdReasons().keySet()).containsExactly(
                "legal-claims", "deletion-request-pending", "practice-closure");
        assertThat(DK.holdReason("complaint-pending").orElseThrow().citations()).extracting(Citation::reference)
                .containsExactly("§ 25, stk. 2");
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void everyPackHoldsDataForLegalClaims(PolicyPack pack) {
        assertThat(pack.holdReason("legal-claims").orElseThrow().citations()).extracting(Citation::reference)
                .containsExactly("Art. 17(3)(e)");
    }

    @Test
    void sharedRuleIdsExistInBothPacks() {
        for (String id : List.of("journal", "bookkeeping", "newsletter", "job-applicant")) {
            assertThat(DK.rule(id)).as("dk " + id).isPresent();
            assertThat(NO.rule(id)).as("no " + id).isPresent();
        }
        // a model whose newsletter names the pack's rule runs under all three
        assertThat(GDPR.rule("newsletter")).isPresent();
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void consentRulesAreNeverDuties(PolicyPack pack) {
        assertThat(pack.ruleList()).filteredOn(r -> r.basis() == LegalBasis.CONSENT)
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.dutyToKeep()).as(r.id()).isFalse());
    }

    private static Map<String, String> retentions(PolicyPack pack) {
        Map<String, String> result = new LinkedHashMap<>();
        pack.rules().forEach((id, rule) -> result.put(id, rule.retention().toString()));
        return result;
    }

    private static Map<String, String> settingValues(PolicyPack pack) {
        Map<String, String> result = new LinkedHashMap<>();
        pack.settings().forEach((name, setting) -> result.put(name, setting.value()));
        return result;
    }

    private static List<String> dutyRules(PolicyPack pack) {
        return pack.ruleList().stream().filter(PolicyRule::dutyToKeep).map(PolicyRule::id).toList();
    }

    private static List<String> reviewRules(PolicyPack pack) {
        return pack.ruleList().stream().filter(r -> r.onDue() == DueAction.REVIEW).map(PolicyRule::id).toList();
    }

    private static List<String> unverified(PolicyPack pack) {
        return pack.ruleList().stream().filter(r -> !r.verified()).map(PolicyRule::id).toList();
    }

    private static List<Citation> allCitations(PolicyPack pack) {
        return Stream.of(
                        pack.ruleList().stream().flatMap(r -> r.citations().stream()),
                        pack.ruleList().stream().flatMap(r -> r.refusalCitations().stream()),
                        pack.ruleList().stream().flatMap(r -> r.route().stream())
                                .flatMap(route -> route.citations().stream()),
                        pack.settings().values().stream().flatMap(s -> s.citations().stream()),
                        pack.holdReasons().values().stream().flatMap(h -> h.citations().stream()),
                        pack.requests().citations().stream())
                .flatMap(s -> s)
                .toList();
    }

    static String resource(String id) throws IOException {
        try (InputStream in = Optional.ofNullable(BuiltInPacksTest.class.getClassLoader()
                .getResourceAsStream(PolicyPacks.RESOURCE_PREFIX + id + ".xml")).orElseThrow()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
