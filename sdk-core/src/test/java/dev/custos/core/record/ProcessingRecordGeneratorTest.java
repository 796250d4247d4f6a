// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.record;

import static dev.custos.core.gdpr.DataCategory.CONTACT;
import static dev.custos.core.gdpr.DataCategory.HEALTH;
import static dev.custos.core.gdpr.DataCategory.IDENTITY;
import static dev.custos.core.gdpr.LegalBasis.CONSENT;
import static dev.custos.core.gdpr.LegalBasis.CONTRACT;
import static dev.custos.core.gdpr.LegalBasis.LEGAL_OBLIGATION;
import static dev.custos.core.gdpr.SpecialCategoryCondition.HEALTH_OR_SOCIAL_CARE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.PersonalData;
import dev.custos.core.annotation.RetentionAnchor;
import dev.custos.core.metadata.DataModel;
import dev.custos.core.metadata.ModelReader;
import dev.custos.core.policy.PolicyPacks;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessingRecordGeneratorTest {

    static class JournalEntry {
        @DataSubject(category = "client") String clientId;
        @RetentionAnchor(event = "last-entry") LocalDate lastEntry;
        @PersonalData(category = HEALTH, basis = LEGAL_OBLIGATION, condition = HEALTH_OR_SOCIAL_CARE,
                retention = "policy:journal", purpose = "treatment")
        String note;
    }

    static class Client {
        @DataSubject(category = "client") String id;
        @RetentionAnchor LocalDate lastSession;
        @PersonalData(category = IDENTITY, basis = CONTRACT, retention = "P1Y", purpose = {"treatment", "invoicing"})
        String name;
        @PersonalData(category = CONTACT, basis = CONSENT, retention = "until-consent-withdrawn",
                purpose = "newsletter")
        String email;
    }

    static class Visitor {
        @DataSubject(category = "website visitor") String id;
        @RetentionAnchor LocalDate visited;
        @PersonalData(category = IDENTITY, basis = CONTRACT, retention = "P1M") String nickname;
    }

    private static final Controller CLINIC = new Controller("Fjordlys Terapi ApS", "privacy@fjordlys.example", "",
            List.of("Accounting system provider (processor)"), "", List.of("Encryption at rest", "Two-factor login"));

    private static ProcessingRecord record() {
        DataModel model = ModelReader.read(List.of(JournalEntry.class, Client.class, Visitor.class),
                PolicyPacks.load("test"));
        return ProcessingRecordGenerator.generate(model, CLINIC);
    }

    static class DisclosedJournal {
        @DataSubject(category = "client") String clientId;
        @RetentionAnchor(event = "last-entry") LocalDate lastEntry;
        @PersonalData(category = HEALTH, basis = LEGAL_OBLIGATION, condition = HEALTH_OR_SOCIAL_CARE,
                retention = "policy:journal", purpose = {"treatment", "gp-disclosure"})
        String note;
    }

    /** Issue 18, item 3: the Danish pack makes disclosure to the GP rest on consent, whatever the journal's basis. */
    @Test
    void aPurposeThePackSaysNeedsConsentNamesConsentAmongItsBases() {
        DataModel model = ModelReader.read(List.of(DisclosedJournal.class), PolicyPacks.load("dk"));
        ProcessingRecord record = ProcessingRecordGenerator.generate(model, CLINIC);
        ProcessingActivity disclosure = record.activities().stream().filter(a -> a.purpose().equals("gp-disclosure"))
                .findFirst().orElseThrow();
        assertThat(disclosure.legalBases()).anyMatch(b -> b.startsWith("GDPR Art. 6(1)(a)")
                && b.contains("Sundhedsloven (Danish Health Act) § 41, stk. 1"));
        ProcessingActivity treatment = record.activities().stream().filter(a -> a.purpose().equals("treatment"))
                .findFirst().orElseThrow();
        assertThat(treatment.legalBases()).noneMatch(b -> b.startsWith("GDPR Art. 6(1)(a)"));
    }

    @Test
    void oneActivityPerPurposeGatheringSubjectsDataBasesAndRetention() {
        ProcessingRecord record = record();
        assertThat(record.activities()).extracting(ProcessingActivity::purpose)
                .containsExactly("invoicing", "newsletter", "treatment", "Visitor");

        ProcessingActivity treatment = record.activities().get(2);
        assertThat(treatment.purposeDeclared()).isTrue();
        assertThat(treatment.subjectCategories()).containsExactly("client");
        assertThat(treatment.dataCategories())
                .containsExactly("Data concerning health (pd:Health)", "Identity (name, title, photo of the person) (pd:Identifying)");
        assertThat(treatment.legalBases()).anyMatch(b -> b.startsWith("GDPR Art. 6(1)(c)"))
                .anyMatch(b -> b.startsWith("GDPR Art. 6(1)(b)"))
                .anyMatch(b -> b.startsWith("GDPR Art. 9(2)(h)"));
        assertThat(treatment.retention()).anyMatch(r -> r.startsWith("Client journal: P5Y after last-entry (Journal Act"));
        assertThat(treatment.attributes()).containsExactly("Client.name", "JournalEntry.note");
    }

    @Test
    void attributesWithoutAPurposeAreFlagged() {
        ProcessingActivity visitor = record().activities().get(3);
        assertThat(visitor.purposeDeclared()).isFalse();
        String md = record().toMarkdown();
        assertThat(md).contains("## No purpose declared: Visitor", "Art. 30(1)(b) requires one");
    }

    @Test
    void markdownNamesEveryArticle30Heading() {
        String md = record().toMarkdown();
        assertThat(md).contains("# Record of processing activities", "Fjordlys Terapi ApS", "Art. 30(1)(a)",
                "Art. 30(1)(c)", "Art. 30(1)(d)", "Art. 30(1)(e)", "Art. 30(1)(f)", "Art. 30(1)(g)",
                "| Data protection officer | none |", "## Purpose: newsletter", "`Client.email`");
    }

    @Test
    void jsonCarriesTheSameFacts() {
        String json = record().toJson();
        assertThat(json).startsWith("{\n  \"record\": ")
                .contains("\"policyPack\": \"test\"", "\"purpose\": \"treatment\"", "\"purposeDeclared\": false",
                        "\"securityMeasures\": [\n      \"Encryption at rest\",\n      \"Two-factor login\"\n    ]")
                .endsWith("}\n");
    }

    @Test
    void outputDoesNotDependOnTheOrderOfClasses() {
        DataModel reversed = ModelReader.read(List.of(Visitor.class, Client.class, JournalEntry.class),
                PolicyPacks.load("test"));
        ProcessingRecord other = ProcessingRecordGenerator.generate(reversed, CLINIC);
        assertThat(other.toMarkdown()).isEqualTo(record().toMarkdown());
        assertThat(other.toJson()).isEqualTo(record().toJson());
    }
}
