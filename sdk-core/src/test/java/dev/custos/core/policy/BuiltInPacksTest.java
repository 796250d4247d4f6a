// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.gdpr.ErasureExemption;
import dev.custos.core.gdpr.LegalBasis;
import dev.custos.core.gdpr.SpecialCategoryCondition;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Period;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BuiltInPacksTest {

    private static final PolicyPack DK = PolicyPacks.load("dk");
    private static final PolicyPack NO = PolicyPacks.load("no");

    @Test
    void bothBuiltInPacksLoad() {
        assertThat(PolicyPacks.BUILT_IN).containsExactly("dk", "no");
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
        expected.put("newsletter-analytics", "P1Y after unsubscribed");
        expected.put("website-comment", "P2Y after comment-posted");
        assertThat(retentions(NO)).containsExactlyEntriesOf(expected);
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

    @Test
    void everyRuleSettingAndHoldReasonIsCited() {
        for (PolicyPack pack : List.of(DK, NO)) {
            assertThat(pack.rules().values()).allSatisfy(r -> assertThat(r.citations()).as(r.id()).isNotEmpty());
            assertThat(pack.settings().values()).allSatisfy(s -> assertThat(s.citations()).as(s.name()).isNotEmpty());
            assertThat(pack.holdReasons().values()).allSatisfy(h -> assertThat(h.citations()).as(h.id()).isNotEmpty());
            assertThat(pack.requests().citations()).isNotEmpty();
        }
    }

    @Test
    void everyUnverifiedCitationSaysWhy() {
        for (PolicyPack pack : List.of(DK, NO)) {
            assertThat(allCitations(pack)).filteredOn(c -> !c.verified())
                    .isNotEmpty()
                    .allSatisfy(c -> assertThat(c.note()).as(c.toString()).isNotBlank());
        }
    }

    @Test
    void inferencesAndUnknownSectionsAreMarkedUnverified() {
        assertThat(unverified(DK)).containsExactlyInAnyOrder(
                "journal", "partner-information", "gp-disclosure-consent", "consulting-customer",
                "website-statistics");
        assertThat(unverified(NO)).containsExactlyInAnyOrder(
                "bookkeeping-secondary", "session-recording", "partner-contact", "website-comment");
        assertThat(NO.setting("digital-consent-age").orElseThrow().citations())
                .anyMatch(c -> !c.verified() && c.source().startsWith("Personopplysningsloven"));
    }

    @Test
    void requestDeadlines() {
        assertThat(NO.requests().promisedWithin()).contains(Period.ofDays(30));
        assertThat(DK.requests().promisedWithin()).isEmpty();
        for (PolicyPack pack : List.of(DK, NO)) {
            assertThat(pack.requests().citations()).extracting(Citation::toString)
                    .contains("Regulation (EU) 2016/679 (GDPR) Art. 12(3)");
        }
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
                "legal-claims", "complaint-pending", "supervision-pending", "compensation-case-pending");
        assertThat(NO.holdReasons().keySet()).containsExactly(
                "legal-claims", "deletion-request-pending", "practice-closure");
        for (PolicyPack pack : List.of(DK, NO)) {
            assertThat(pack.holdReason("legal-claims").orElseThrow().citations()).extracting(Citation::reference)
                    .containsExactly("Art. 17(3)(e)");
        }
        assertThat(DK.holdReason("complaint-pending").orElseThrow().citations()).extracting(Citation::reference)
                .containsExactly("§ 25, stk. 2");
    }

    @Test
    void sharedRuleIdsExistInBothPacks() {
        for (String id : List.of("journal", "bookkeeping", "newsletter", "job-applicant")) {
            assertThat(DK.rule(id)).as("dk " + id).isPresent();
            assertThat(NO.rule(id)).as("no " + id).isPresent();
        }
    }

    @Test
    void consentRulesAreNeverDuties() {
        for (PolicyPack pack : List.of(DK, NO)) {
            assertThat(pack.ruleList()).filteredOn(r -> r.basis() == LegalBasis.CONSENT)
                    .allSatisfy(r -> assertThat(r.dutyToKeep()).as(r.id()).isFalse());
        }
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
