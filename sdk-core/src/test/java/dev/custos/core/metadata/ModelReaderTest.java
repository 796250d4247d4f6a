// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.metadata;

import static dev.custos.core.gdpr.DataCategory.CONTACT;
import static dev.custos.core.gdpr.DataCategory.HEALTH;
import static dev.custos.core.gdpr.DataCategory.IDENTITY;
import static dev.custos.core.gdpr.DataCategory.TRANSACTION;
import static dev.custos.core.gdpr.LegalBasis.CONSENT;
import static dev.custos.core.gdpr.LegalBasis.CONTRACT;
import static dev.custos.core.gdpr.LegalBasis.LEGAL_OBLIGATION;
import static dev.custos.core.gdpr.SpecialCategoryCondition.HEALTH_OR_SOCIAL_CARE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.custos.core.CustosDefinitionException;
import dev.custos.core.annotation.AssignedCaller;
import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.DeniedAccess;
import dev.custos.core.annotation.DerivedFrom;
import dev.custos.core.annotation.ErasureStrategy;
import dev.custos.core.annotation.PersonalData;
import dev.custos.core.annotation.RetentionAnchor;
import dev.custos.core.policy.PolicyPack;
import dev.custos.core.policy.PolicyPacks;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ModelReaderTest {

    static final PolicyPack PACK = PolicyPacks.load("test");

    // ---- a valid model ----------------------------------------------------------------------------------

    static class JournalEntry {
        Long id;
        @DataSubject(category = "client") String clientId;
        @RetentionAnchor(event = "last-entry") LocalDate lastEntry;
        @PersonalData(category = HEALTH, basis = LEGAL_OBLIGATION, condition = HEALTH_OR_SOCIAL_CARE,
                retention = "policy:journal", purpose = "treatment")
        String note;
        @DerivedFrom("note") String noteSearchText;
    }

    static class Subscriber {
        @DataSubject String subscriberId;
        @PersonalData(category = CONTACT, basis = CONSENT, retention = "until-consent-withdrawn",
                purpose = "newsletter", providedBySubject = true, directMarketing = true,
                whenDenied = DeniedAccess.MASK)
        String email;
    }

    static class Invoice {
        @DataSubject String customerId;
        @RetentionAnchor LocalDateTime issuedAt;
        @PersonalData(category = TRANSACTION, basis = LEGAL_OBLIGATION, retention = "policy:bookkeeping",
                purpose = "accounting")
        String lines;
    }

    /** Two anchors: the bookkeeping clock names which one it runs from. */
    static class Payment {
        @DataSubject String customerId;
        @RetentionAnchor(event = "invoice-date") LocalDate invoiceDate;
        @RetentionAnchor(event = "paid-on") LocalDate paidOn;
        @PersonalData(category = TRANSACTION, basis = CONTRACT, retention = "P5Y after fiscal-year-end of invoice-date",
                purpose = "accounting")
        String payer;
    }

    @Test
    void aFiscalYearClockCanNameItsAnchor() {
        PersonalDataAttribute payer = ModelReader.read(List.of(Payment.class), PACK).entity(Payment.class)
                .orElseThrow().attribute("payer").orElseThrow();
        assertThat(payer.anchor()).isEqualTo("invoiceDate");
    }

    /** Property access: the annotations sit on getters, and a superclass holds the subject. */
    static class Person {
        private String personId;

        @DataSubject
        public String getPersonId() {
            return personId;
        }
    }

    static class Applicant extends Person {
        private LocalDate appliedOn;
        private String name;

        @RetentionAnchor
        public LocalDate getAppliedOn() {
            return appliedOn;
        }

        @PersonalData(category = IDENTITY, basis = CONTRACT, retention = "P6M", purpose = "recruitment",
                erasure = ErasureStrategy.ANONYMIZE)
        public String getName() {
            return name;
        }
    }

    static class NoPersonalData {
        Long id;
        String title;
    }

    @Test
    void readsAValidModelAndBindsEachAttributeToItsRuleAndAnchor() {
        DataModel model = ModelReader.read(List.of(JournalEntry.class, Subscriber.class, Invoice.class,
                Applicant.class, NoPersonalData.class), PACK);

        assertThat(model.entities()).extracting(EntityModel::name)
                .containsExactly("JournalEntry", "Subscriber", "Invoice", "Applicant");
        EntityModel journal = model.entity(JournalEntry.class).orElseThrow();
        assertThat(journal.subjectAttribute()).isEqualTo("clientId");
        assertThat(journal.subjectCategory()).isEqualTo("client");
        assertThat(journal.holdsSensitiveData()).isTrue();
        PersonalDataAttribute note = journal.attribute("note").orElseThrow();
        assertThat(note.rule().id()).isEqualTo("journal");
        assertThat(note.rule().dutyToKeep()).isTrue();
        assertThat(note.anchor()).isEqualTo("lastEntry");
        assertThat(note.purposes()).containsExactly("treatment");
        assertThat(note.derivedCopies()).containsExactly("noteSearchText");
        assertThat(note.consentRequired()).isFalse();

        PersonalDataAttribute email = model.entity("Subscriber").orElseThrow().attribute("email").orElseThrow();
        assertThat(email.consentRequired()).isTrue();
        assertThat(email.anchor()).isEmpty();
        assertThat(email.whenDenied()).isEqualTo(DeniedAccess.MASK);
        assertThat(email.processing().providedBySubject()).isTrue();

        assertThat(model.entity(Invoice.class).orElseThrow().attribute("lines").orElseThrow().anchor())
                .isEqualTo("issuedAt");
        EntityModel applicant = model.entity(Applicant.class).orElseThrow();
        assertThat(applicant.subjectAttribute()).isEqualTo("personId");
        assertThat(applicant.subjectCategory()).isEqualTo("Applicant");
        PersonalDataAttribute name = applicant.attribute("name").orElseThrow();
        assertThat(name.rule().id()).isEqualTo("P6M");
        assertThat(name.rule().dutyToKeep()).isFalse();
        assertThat(name.anchor()).isEqualTo("appliedOn");
    }

    @Test
    void entityNamesComeFromTheCaller() {
        DataModel model = ModelReader.read(List.of(Subscriber.class), type -> "NewsletterSubscriber", PACK);
        assertThat(model.entity("NewsletterSubscriber")).isPresent();
    }

    // ---- broken models: one mistake each ------------------------------------------------------------------

    static class NoSubject {
        @PersonalData(category = CONTACT, basis = CONTRACT, retention = "P1Y") String email;
        @RetentionAnchor LocalDate since;
    }

    static class TwoSubjects {
        @DataSubject String a;
        @DataSubject String b;
        @RetentionAnchor LocalDate since;
        @PersonalData(category = CONTACT, basis = CONTRACT, retention = "P1Y") String email;
    }

    static class ConsentWithoutPurpose {
        @DataSubject String s;
        @PersonalData(category = CONTACT, basis = CONSENT, retention = "until-consent-withdrawn") String email;
    }

    static class HealthWithoutPurpose {
        @DataSubject String s;
        @RetentionAnchor(event = "last-entry") LocalDate last;
        @PersonalData(category = HEALTH, basis = LEGAL_OBLIGATION, condition = HEALTH_OR_SOCIAL_CARE,
                retention = "policy:journal") String note;
    }

    static class HealthWithoutCondition {
        @DataSubject String s;
        @RetentionAnchor(event = "last-entry") LocalDate last;
        @PersonalData(category = HEALTH, basis = LEGAL_OBLIGATION, retention = "policy:journal") String note;
    }

    static class ConditionOnOrdinaryData {
        @DataSubject String s;
        @RetentionAnchor LocalDate since;
        @PersonalData(category = CONTACT, basis = CONTRACT, condition = HEALTH_OR_SOCIAL_CARE, retention = "P1Y")
        String email;
    }

    static class BlankPurpose {
        @DataSubject String s;
        @RetentionAnchor LocalDate since;
        @PersonalData(category = CONTACT, basis = CONTRACT, retention = "P1Y", purpose = " ") String email;
    }

    static class PeriodWithoutAnchor {
        @DataSubject String s;
        @PersonalData(category = CONTACT, basis = CONTRACT, retention = "P1Y") String email;
    }

    static class UnknownEvent {
        @DataSubject String s;
        @RetentionAnchor(event = "created") LocalDate created;
        @RetentionAnchor(event = "updated") LocalDate updated;
        @PersonalData(category = CONTACT, basis = CONTRACT, retention = "P1Y after last-purchase") String email;
    }

    static class MisspeltEvent {
        @DataSubject String s;
        @RetentionAnchor(event = "created") LocalDate created;
        @RetentionAnchor(event = "last-visit") LocalDate lastVisit;
        @PersonalData(category = CONTACT, basis = CONTRACT, retention = "P3Y after last-vist") String email;
    }

    static class MisspeltRule {
        @DataSubject String s;
        @RetentionAnchor LocalDate since;
        @PersonalData(category = CONTACT, basis = CONSENT, purpose = "news", retention = "policy:newsleter")
        String email;
    }

    static class AmbiguousAnchor {
        @DataSubject String s;
        @RetentionAnchor(event = "created") LocalDate created;
        @RetentionAnchor(event = "updated") LocalDate updated;
        @PersonalData(category = CONTACT, basis = CONTRACT, retention = "P1Y") String email;
    }

    static class TextAnchor {
        @DataSubject String s;
        @RetentionAnchor String since;
        @PersonalData(category = CONTACT, basis = CONTRACT, retention = "P1Y") String email;
    }

    static class UntilWithdrawnWithoutConsent {
        @DataSubject String s;
        @PersonalData(category = CONTACT, basis = CONTRACT, retention = "until-consent-withdrawn") String email;
    }

    static class DerivedFromUnknown {
        @DataSubject String s;
        @RetentionAnchor LocalDate since;
        @PersonalData(category = IDENTITY, basis = CONTRACT, retention = "P1Y") String name;
        @DerivedFrom({"name", "surname"}) String fullName;
    }

    static class BasisDiffersFromRule {
        @DataSubject String s;
        @RetentionAnchor(event = "last-entry") LocalDate last;
        @PersonalData(category = HEALTH, basis = CONSENT, condition = HEALTH_OR_SOCIAL_CARE,
                retention = "policy:journal", purpose = "treatment")
        String note;
    }

    static class DeleteRowWithMixedRules {
        @DataSubject String s;
        @RetentionAnchor LocalDate since;
        @PersonalData(category = IDENTITY, basis = CONTRACT, retention = "P1Y", erasure = ErasureStrategy.DELETE_ROW)
        String name;
        @PersonalData(category = CONTACT, basis = CONTRACT, retention = "P5Y") String email;
    }

    static class NullifiedPrimitive {
        @DataSubject String s;
        @RetentionAnchor LocalDate since;
        @PersonalData(category = IDENTITY, basis = CONTRACT, retention = "P1Y") int age;
    }

    static class PseudonymisedNumber {
        @DataSubject String s;
        @RetentionAnchor LocalDate since;
        @PersonalData(category = IDENTITY, basis = CONTRACT, retention = "P1Y", erasure = ErasureStrategy.PSEUDONYMIZE)
        Long memberNumber;
    }

    static class CollectionSubject {
        @DataSubject List<String> owners;
        @RetentionAnchor LocalDate since;
        @PersonalData(category = CONTACT, basis = CONTRACT, retention = "P1Y") String email;
    }

    static class DuplicateAnchorEvent {
        @DataSubject String s;
        @RetentionAnchor LocalDate created;
        @RetentionAnchor LocalDate updated;
        @PersonalData(category = CONTACT, basis = CONTRACT, retention = "P1Y after created") String email;
    }

    static class BadEventName {
        @DataSubject String s;
        @RetentionAnchor(event = "Last_Entry") LocalDate last;
        @PersonalData(category = CONTACT, basis = CONTRACT, retention = "P1Y") String email;
    }

    static class MalformedPeriod {
        @DataSubject String s;
        @RetentionAnchor LocalDate since;
        @PersonalData(category = CONTACT, basis = CONTRACT, retention = "5 years") String email;
    }

    static class UnknownRule {
        @DataSubject String s;
        @RetentionAnchor LocalDate since;
        @PersonalData(category = CONTACT, basis = CONTRACT, retention = "policy:marketing") String email;
    }

    static class ConditionDiffersFromRule {
        @DataSubject String s;
        @RetentionAnchor(event = "last-entry") LocalDate last;
        @PersonalData(category = HEALTH, basis = LEGAL_OBLIGATION,
                condition = dev.custos.core.gdpr.SpecialCategoryCondition.EXPLICIT_CONSENT,
                retention = "policy:journal", purpose = "treatment")
        String note;
    }

    static class LegalObligationInline {
        @DataSubject String s;
        @RetentionAnchor LocalDate since;
        @PersonalData(category = TRANSACTION, basis = LEGAL_OBLIGATION, retention = "P5Y") String lines;
    }

    /** An unnamed anchor records some other event (creation): it must not start the journal's clock. */
    static class UnnamedAnchorForNamedEvent {
        @DataSubject String s;
        @RetentionAnchor LocalDate createdOn;
        @PersonalData(category = HEALTH, basis = LEGAL_OBLIGATION, condition = HEALTH_OR_SOCIAL_CARE,
                retention = "policy:journal", purpose = "treatment")
        String note;
    }

    static class CareRecordWithoutAssignedCaller {
        @DataSubject String s;
        @RetentionAnchor(event = "last-entry") LocalDate last;
        @PersonalData(category = HEALTH, basis = LEGAL_OBLIGATION, condition = HEALTH_OR_SOCIAL_CARE,
                retention = "policy:care-record", purpose = "treatment")
        String note;
    }

    static class TwoAssignedCallers {
        @DataSubject String s;
        @AssignedCaller String carer;
        @AssignedCaller String deputy;
        @RetentionAnchor(event = "last-entry") LocalDate last;
        @PersonalData(category = HEALTH, basis = LEGAL_OBLIGATION, condition = HEALTH_OR_SOCIAL_CARE,
                retention = "policy:care-record", purpose = "treatment")
        String note;
    }

    static class NumericAssignedCaller {
        @DataSubject String s;
        @AssignedCaller long carerId;
        @RetentionAnchor(event = "last-entry") LocalDate last;
        @PersonalData(category = HEALTH, basis = LEGAL_OBLIGATION, condition = HEALTH_OR_SOCIAL_CARE,
                retention = "policy:care-record", purpose = "treatment")
        String note;
    }

    static class CareRecord {
        @DataSubject String s;
        @AssignedCaller String carer;
        @RetentionAnchor(event = "last-entry") LocalDate last;
        @PersonalData(category = HEALTH, basis = LEGAL_OBLIGATION, condition = HEALTH_OR_SOCIAL_CARE,
                retention = "policy:care-record", purpose = "treatment")
        String note;
        @PersonalData(category = CONTACT, basis = CONTRACT, retention = "P1Y after last-entry") String phone;
    }

    @Test
    void aRuleForTheAssignedCallerOnlyBindsTheAssignedCallerAttribute() {
        EntityModel model = ModelReader.read(List.of(CareRecord.class), PACK).entities().get(0);
        assertThat(model.assignedCaller()).isEqualTo("carer");
        assertThat(model.assignedCallerOnly()).extracting(PersonalDataAttribute::name).containsExactly("note");
    }

    static List<Arguments> brokenModels() {
        return List.of(
                Arguments.of(NoSubject.class, "CUSTOS-01002", "NoSubject"),
                Arguments.of(TwoSubjects.class, "CUSTOS-01003", "[a, b]"),
                Arguments.of(ConsentWithoutPurpose.class, "CUSTOS-01004", "ConsentWithoutPurpose.email"),
                Arguments.of(HealthWithoutCondition.class, "CUSTOS-01005", "HEALTH"),
                Arguments.of(HealthWithoutPurpose.class, "CUSTOS-01041", "HealthWithoutPurpose.note"),
                Arguments.of(ConditionOnOrdinaryData.class, "CUSTOS-01006", "HEALTH_OR_SOCIAL_CARE"),
                Arguments.of(BlankPurpose.class, "CUSTOS-01007", "BlankPurpose.email"),
                Arguments.of(PeriodWithoutAnchor.class, "CUSTOS-01009", "PeriodWithoutAnchor.email"),
                Arguments.of(UnknownEvent.class, "CUSTOS-01010", "last-purchase"),
                Arguments.of(MisspeltEvent.class, "CUSTOS-01010", "did you mean \"last-visit\"?"),
                Arguments.of(MisspeltRule.class, "CUSTOS-01201", "(did you mean \"newsletter\"?)"),
                Arguments.of(AmbiguousAnchor.class, "CUSTOS-01011", "[created, updated]"),
                Arguments.of(TextAnchor.class, "CUSTOS-01012", "java.lang.String"),
                Arguments.of(UntilWithdrawnWithoutConsent.class, "CUSTOS-01013", "CONTRACT"),
                Arguments.of(DerivedFromUnknown.class, "CUSTOS-01014", "surname"),
                Arguments.of(BasisDiffersFromRule.class, "CUSTOS-01015", "rule \"journal\""),
                Arguments.of(DeleteRowWithMixedRules.class, "CUSTOS-01016", "[P1Y, P5Y]"),
                Arguments.of(NullifiedPrimitive.class, "CUSTOS-01017", "NULLIFY"),
                Arguments.of(PseudonymisedNumber.class, "CUSTOS-01017", "PSEUDONYMIZE"),
                Arguments.of(CollectionSubject.class, "CUSTOS-01018", "CollectionSubject.owners"),
                Arguments.of(DuplicateAnchorEvent.class, "CUSTOS-01019", "(unnamed)"),
                Arguments.of(BadEventName.class, "CUSTOS-01020", "Last_Entry"),
                Arguments.of(MalformedPeriod.class, "CUSTOS-01102", "\"5 years\""),
                Arguments.of(UnknownRule.class, "CUSTOS-01201", "policy:marketing"),
                Arguments.of(ConditionDiffersFromRule.class, "CUSTOS-01022", "EXPLICIT_CONSENT"),
                Arguments.of(LegalObligationInline.class, "CUSTOS-01023", "\"P5Y\""),
                Arguments.of(UnnamedAnchorForNamedEvent.class, "CUSTOS-01010", "[(unnamed)]"),
                Arguments.of(CareRecordWithoutAssignedCaller.class, "CUSTOS-01024", "[care-record]"),
                Arguments.of(TwoAssignedCallers.class, "CUSTOS-01025", "[carer, deputy]"),
                Arguments.of(NumericAssignedCaller.class, "CUSTOS-01026", "NumericAssignedCaller.carerId"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("brokenModels")
    void eachMistakeIsReportedWithItsIdAndWhereItIs(Class<?> broken, String messageId, String mentions) {
        CustosDefinitionException e = catchThrowableOfType(CustosDefinitionException.class,
                () -> ModelReader.read(List.of(broken), PACK));
        assertThat(e).as("reading %s must fail", broken.getSimpleName()).isNotNull();
        assertThat(e.messageId()).isEqualTo("CUSTOS-01001");
        assertThat(e.hasProblem(messageId)).as("%s in %s", messageId, e.getMessage()).isTrue();
        assertThat(e.problems()).filteredOn(p -> p.code().equals(messageId))
                .anySatisfy(p -> assertThat(p.text()).contains(mentions));
    }

    @Test
    void aNameFarFromEveryValidOneIsNotGivenASuggestion() {
        CustosDefinitionException e = catchThrowableOfType(CustosDefinitionException.class,
                () -> ModelReader.read(List.of(UnknownEvent.class), PACK));
        assertThat(e.problems()).filteredOn(p -> p.code().equals("CUSTOS-01010"))
                .allSatisfy(p -> assertThat(p.text()).doesNotContain("did you mean"));
    }

    @Test
    void everyProblemOfEveryClassIsReportedAtOnce() {
        List<? extends Class<?>> all = brokenModels().stream().map(a -> (Class<?>) a.get()[0]).toList();
        CustosDefinitionException e = catchThrowableOfType(CustosDefinitionException.class,
                () -> ModelReader.read(all, PACK));
        List<String> expected = brokenModels().stream().map(a -> (String) a.get()[1]).distinct().toList();
        assertThat(e.problems()).extracting(p -> p.code()).containsAll(expected);
        assertThat(e.getMessage()).contains(e.problems().size() + " problem(s)");
    }

    @Test
    void aClassListedTwiceIsReported() {
        CustosDefinitionException e = catchThrowableOfType(CustosDefinitionException.class,
                () -> ModelReader.read(List.of(Subscriber.class, Subscriber.class), PACK));
        assertThat(e.hasProblem("CUSTOS-01021")).isTrue();
    }

    @Test
    void anIntegrationsMemberCheckIsReportedWithTheReadersOwnProblems() {
        MemberCheck noNotes = (type, attribute, annotation) -> attribute.equals("note") && annotation == PersonalData.class
                ? java.util.Optional.of(dev.custos.core.Message.of(4999, "%s.%s is not mapped", type.getSimpleName(), attribute))
                : java.util.Optional.empty();
        CustosDefinitionException e = catchThrowableOfType(CustosDefinitionException.class,
                () -> ModelReader.read(List.of(JournalEntry.class, NoSubject.class), Class::getSimpleName, PACK, noNotes));
        assertThat(e.problems()).extracting(p -> p.code()).containsExactlyInAnyOrder("CUSTOS-04999", "CUSTOS-01002");
        assertThat(e.getMessage()).contains("JournalEntry.note is not mapped");
    }
}
