// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.gdpr;

import static dev.custos.core.gdpr.Applicability.APPLIES;
import static dev.custos.core.gdpr.Applicability.CASE_BY_CASE;
import static dev.custos.core.gdpr.Applicability.DOES_NOT_APPLY;
import static dev.custos.core.gdpr.DataSubjectRight.ERASURE;
import static dev.custos.core.gdpr.DataSubjectRight.OBJECTION;
import static dev.custos.core.gdpr.DataSubjectRight.PORTABILITY;
import static dev.custos.core.gdpr.DataSubjectRight.WITHDRAW_CONSENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class RightsMapTest {

    /** Ordinary data the subject provided, not for direct marketing: the baseline of the rights map. */
    private static Processing ordinary(LegalBasis basis) {
        return new Processing(basis, SpecialCategoryCondition.NONE, true, false);
    }

    private static Processing withCondition(LegalBasis basis, SpecialCategoryCondition condition) {
        return new Processing(basis, condition, true, false);
    }

    private static Processing directMarketing(LegalBasis basis) {
        return new Processing(basis, SpecialCategoryCondition.NONE, true, true);
    }

    // The rights map as a specification: every Art. 6(1) basis x every right, for ordinary data the
    // subject provided, not used for direct marketing.
    @ParameterizedTest(name = "{0} / {1} -> {2} ({3})")
    @CsvSource({
        // basis,             right,            applicability,  citation
        "CONSENT,              ACCESS,           APPLIES,        GDPR Art. 15(1)",
        "CONSENT,              RECTIFICATION,    APPLIES,        GDPR Art. 16",
        "CONSENT,              ERASURE,          APPLIES,        GDPR Art. 17(1)(b)",
        "CONSENT,              RESTRICTION,      CASE_BY_CASE,   GDPR Art. 18(1)",
        "CONSENT,              PORTABILITY,      APPLIES,        GDPR Art. 20(1)",
        "CONSENT,              OBJECTION,        DOES_NOT_APPLY, GDPR Art. 21(1)",
        "CONSENT,              WITHDRAW_CONSENT, APPLIES,        GDPR Art. 7(3)",

        "CONTRACT,             ACCESS,           APPLIES,        GDPR Art. 15(1)",
        "CONTRACT,             RECTIFICATION,    APPLIES,        GDPR Art. 16",
        "CONTRACT,             ERASURE,          CASE_BY_CASE,   GDPR Art. 17(1)(a)",
        "CONTRACT,             RESTRICTION,      CASE_BY_CASE,   GDPR Art. 18(1)",
        "CONTRACT,             PORTABILITY,      APPLIES,        GDPR Art. 20(1)",
        "CONTRACT,             OBJECTION,        DOES_NOT_APPLY, GDPR Art. 21(1)",
        "CONTRACT,             WITHDRAW_CONSENT, DOES_NOT_APPLY, GDPR Art. 7(3)",

        "LEGAL_OBLIGATION,     ACCESS,           APPLIES,        GDPR Art. 15(1)",
        "LEGAL_OBLIGATION,     RECTIFICATION,    APPLIES,        GDPR Art. 16",
        "LEGAL_OBLIGATION,     ERASURE,          DOES_NOT_APPLY, GDPR Art. 17(3)(b)",
        "LEGAL_OBLIGATION,     RESTRICTION,      CASE_BY_CASE,   GDPR Art. 18(1)",
        "LEGAL_OBLIGATION,     PORTABILITY,      DOES_NOT_APPLY, GDPR Art. 20(1)(a)",
        "LEGAL_OBLIGATION,     OBJECTION,        DOES_NOT_APPLY, GDPR Art. 21(1)",
        "LEGAL_OBLIGATION,     WITHDRAW_CONSENT, DOES_NOT_APPLY, GDPR Art. 7(3)",

        "VITAL_INTERESTS,      ACCESS,           APPLIES,        GDPR Art. 15(1)",
        "VITAL_INTERESTS,      RECTIFICATION,    APPLIES,        GDPR Art. 16",
        "VITAL_INTERESTS,      ERASURE,          CASE_BY_CASE,   GDPR Art. 17(1)(a)",
        "VITAL_INTERESTS,      RESTRICTION,      CASE_BY_CASE,   GDPR Art. 18(1)",
        "VITAL_INTERESTS,      PORTABILITY,      DOES_NOT_APPLY, GDPR Art. 20(1)(a)",
        "VITAL_INTERESTS,      OBJECTION,        DOES_NOT_APPLY, GDPR Art. 21(1)",
        "VITAL_INTERESTS,      WITHDRAW_CONSENT, DOES_NOT_APPLY, GDPR Art. 7(3)",

        "PUBLIC_TASK,          ACCESS,           APPLIES,        GDPR Art. 15(1)",
        "PUBLIC_TASK,          RECTIFICATION,    APPLIES,        GDPR Art. 16",
        "PUBLIC_TASK,          ERASURE,          CASE_BY_CASE,   GDPR Art. 17(3)(b)",
        "PUBLIC_TASK,          RESTRICTION,      CASE_BY_CASE,   GDPR Art. 18(1)",
        "PUBLIC_TASK,          PORTABILITY,      DOES_NOT_APPLY, GDPR Art. 20(1)(a)",
        "PUBLIC_TASK,          OBJECTION,        CASE_BY_CASE,   GDPR Art. 21(1)",
        "PUBLIC_TASK,          WITHDRAW_CONSENT, DOES_NOT_APPLY, GDPR Art. 7(3)",

        "LEGITIMATE_INTERESTS, ACCESS,           APPLIES,        GDPR Art. 15(1)",
        "LEGITIMATE_INTERESTS, RECTIFICATION,    APPLIES,        GDPR Art. 16",
        "LEGITIMATE_INTERESTS, ERASURE,          CASE_BY_CASE,   'GDPR Art. 17(1)(c), Art. 21(1)'",
        "LEGITIMATE_INTERESTS, RESTRICTION,      CASE_BY_CASE,   GDPR Art. 18(1)",
        "LEGITIMATE_INTERESTS, PORTABILITY,      DOES_NOT_APPLY, GDPR Art. 20(1)(a)",
        "LEGITIMATE_INTERESTS, OBJECTION,        CASE_BY_CASE,   GDPR Art. 21(1)",
        "LEGITIMATE_INTERESTS, WITHDRAW_CONSENT, DOES_NOT_APPLY, GDPR Art. 7(3)",
    })
    void rightsMapForOrdinaryDataProvidedByTheSubject(LegalBasis basis, DataSubjectRight right,
                                                      Applicability applicability, String citation) {
        RightAssessment assessment = RightsMap.assess(right, ordinary(basis));

        assertThat(assessment.right()).isEqualTo(right);
        assertThat(assessment.applicability()).isEqualTo(applicability);
        assertThat(assessment.citation()).isEqualTo(citation);
        assertThat(assessment.applies()).isEqualTo(applicability == APPLIES);
        assertThat(assessment.reason()).isNotBlank();
        // An exemption is named exactly when an Art. 17(3) exception is the answer, and it is the one cited.
        if (citation.startsWith("GDPR Art. 17(3)")) {
            assertThat(assessment.exemption()).get().extracting(ErasureExemption::citation).isEqualTo(citation);
        } else {
            assertThat(assessment.exemption()).isEmpty();
        }
    }

    @Test
    void theTableAboveCoversEveryBasisAndEveryRight() throws Exception {
        String[] rows = RightsMapTest.class.getDeclaredMethod("rightsMapForOrdinaryDataProvidedByTheSubject",
                LegalBasis.class, DataSubjectRight.class, Applicability.class, String.class)
                .getAnnotation(org.junit.jupiter.params.provider.CsvSource.class).value();
        java.util.Set<String> cells = new java.util.HashSet<>();
        for (String row : rows) {
            String[] columns = row.split(",");
            cells.add(LegalBasis.valueOf(columns[0].strip()) + "/" + DataSubjectRight.valueOf(columns[1].strip()));
        }
        assertThat(rows).hasSize(cells.size());
        assertThat(cells).hasSize(LegalBasis.values().length * DataSubjectRight.values().length);
    }

    @Test
    void publicTaskErasureNamesTheLegalObligationOrPublicTaskExemption() {
        RightAssessment erasure = RightsMap.assess(ERASURE, ordinary(LegalBasis.PUBLIC_TASK));

        assertThat(erasure.exemption()).contains(ErasureExemption.LEGAL_OBLIGATION);
    }

    @Test
    void legalObligationBlocksErasureAndNamesTheExemption() {
        RightAssessment erasure = RightsMap.assess(ERASURE, ordinary(LegalBasis.LEGAL_OBLIGATION));

        assertThat(erasure.applicability()).isEqualTo(DOES_NOT_APPLY);
        assertThat(erasure.applies()).isFalse();
        assertThat(erasure.citation()).isEqualTo("GDPR Art. 17(3)(b)");
        assertThat(erasure.exemption()).contains(ErasureExemption.LEGAL_OBLIGATION);
    }

    // --- portability (Art. 20) ---

    @ParameterizedTest
    @EnumSource(value = LegalBasis.class, names = {"CONSENT", "CONTRACT"})
    void portabilityDoesNotCoverDataTheSubjectDidNotProvide(LegalBasis basis) {
        RightAssessment portability = RightsMap.assess(PORTABILITY,
                new Processing(basis, SpecialCategoryCondition.NONE, false, false));

        assertThat(portability.applicability()).isEqualTo(DOES_NOT_APPLY);
        assertThat(portability.citation()).isEqualTo("GDPR Art. 20(1)");
        assertThat(portability.exemption()).isEmpty();
    }

    @Test
    void processingOfFactoryDescribesDataNotProvidedByTheSubject() {
        assertThat(RightsMap.assess(PORTABILITY, Processing.of(LegalBasis.CONSENT)).applicability())
                .isEqualTo(DOES_NOT_APPLY);
    }

    @ParameterizedTest
    @EnumSource(value = LegalBasis.class, names = {"LEGAL_OBLIGATION", "VITAL_INTERESTS", "PUBLIC_TASK",
        "LEGITIMATE_INTERESTS"})
    void portabilityRefusalNamesTheBasisThatRulesItOut(LegalBasis basis) {
        RightAssessment portability = RightsMap.assess(PORTABILITY, ordinary(basis));

        assertThat(portability.reason()).contains(basis.citation());
    }

    @ParameterizedTest
    @EnumSource(LegalBasis.class)
    void portabilityAppliesUnderExplicitConsentOfArt9WhateverTheArt6Basis(LegalBasis basis) {
        // Art. 20(1)(a): "based on consent pursuant to point (a) of Article 6(1) or point (a) of Article 9(2)".
        Processing processing = withCondition(basis, SpecialCategoryCondition.EXPLICIT_CONSENT);

        assertThat(processing.consentBased()).isTrue();
        RightAssessment portability = RightsMap.assess(PORTABILITY, processing);
        assertThat(portability.applicability()).isEqualTo(APPLIES);
        assertThat(portability.citation()).isEqualTo("GDPR Art. 20(1)");
    }

    @Test
    void portabilityUnderExplicitConsentStillNeedsDataTheSubjectProvided() {
        RightAssessment portability = RightsMap.assess(PORTABILITY, new Processing(
                LegalBasis.LEGITIMATE_INTERESTS, SpecialCategoryCondition.EXPLICIT_CONSENT, false, false));

        assertThat(portability.applicability()).isEqualTo(DOES_NOT_APPLY);
        assertThat(portability.citation()).isEqualTo("GDPR Art. 20(1)");
    }

    @Test
    void portabilityUnderAnotherArt9ConditionDependsOnTheArt6BasisOnly() {
        assertThat(RightsMap.assess(PORTABILITY,
                withCondition(LegalBasis.CONTRACT, SpecialCategoryCondition.HEALTH_OR_SOCIAL_CARE)).applicability())
                .isEqualTo(APPLIES);
        assertThat(RightsMap.assess(PORTABILITY,
                withCondition(LegalBasis.LEGAL_OBLIGATION, SpecialCategoryCondition.HEALTH_OR_SOCIAL_CARE))
                .applicability())
                .isEqualTo(DOES_NOT_APPLY);
    }

    // --- withdrawal of consent (Art. 7(3)) ---

    @ParameterizedTest
    @EnumSource(LegalBasis.class)
    void consentCanBeWithdrawnWhenTheProcessingRestsOnExplicitConsent(LegalBasis basis) {
        RightAssessment withdraw = RightsMap.assess(WITHDRAW_CONSENT,
                withCondition(basis, SpecialCategoryCondition.EXPLICIT_CONSENT));

        assertThat(withdraw.applicability()).isEqualTo(APPLIES);
        assertThat(withdraw.citation()).isEqualTo("GDPR Art. 7(3)");
    }

    @Test
    void anotherArt9ConditionDoesNotMakeTheProcessingConsentBased() {
        Processing processing = withCondition(LegalBasis.CONTRACT, SpecialCategoryCondition.HEALTH_OR_SOCIAL_CARE);

        assertThat(processing.consentBased()).isFalse();
        assertThat(RightsMap.assess(WITHDRAW_CONSENT, processing).applicability()).isEqualTo(DOES_NOT_APPLY);
    }

    // --- objection (Art. 21) and direct marketing ---

    @ParameterizedTest
    @EnumSource(LegalBasis.class)
    void objectionToDirectMarketingIsAbsoluteWhateverTheBasis(LegalBasis basis) {
        RightAssessment objection = RightsMap.assess(OBJECTION, directMarketing(basis));

        assertThat(objection.applicability()).isEqualTo(APPLIES);
        assertThat(objection.citation()).isEqualTo("GDPR Art. 21(2)-(3)");
        assertThat(objection.reason()).isNotBlank();
    }

    @ParameterizedTest
    @EnumSource(value = LegalBasis.class, names = {"CONTRACT", "VITAL_INTERESTS", "LEGITIMATE_INTERESTS"})
    void dataUsedForDirectMarketingMustBeErasedOnRequestAfterTheObjection(LegalBasis basis) {
        RightAssessment erasure = RightsMap.assess(ERASURE, directMarketing(basis));

        assertThat(erasure.applicability()).isEqualTo(APPLIES);
        assertThat(erasure.citation()).isEqualTo("GDPR Art. 17(1)(c), Art. 21(2)");
        assertThat(erasure.exemption()).isEmpty();
    }

    // Issue 18, item 7: consent withdrawn is ground (b), also for marketing on consent; (c) is the objection's
    @Test
    void marketingOnConsentIsErasedBecauseConsentIsWithdrawn() {
        RightAssessment erasure = RightsMap.assess(ERASURE, directMarketing(LegalBasis.CONSENT));

        assertThat(erasure.applicability()).isEqualTo(APPLIES);
        assertThat(erasure.citation()).isEqualTo("GDPR Art. 17(1)(b)");
    }

    @Test
    void directMarketingDoesNotOverrideTheLegalObligationExemption() {
        RightAssessment legalObligation = RightsMap.assess(ERASURE, directMarketing(LegalBasis.LEGAL_OBLIGATION));
        assertThat(legalObligation.applicability()).isEqualTo(DOES_NOT_APPLY);
        assertThat(legalObligation.citation()).isEqualTo("GDPR Art. 17(3)(b)");
        assertThat(legalObligation.exemption()).contains(ErasureExemption.LEGAL_OBLIGATION);

        RightAssessment publicTask = RightsMap.assess(ERASURE, directMarketing(LegalBasis.PUBLIC_TASK));
        assertThat(publicTask.applicability()).isEqualTo(CASE_BY_CASE);
        assertThat(publicTask.citation()).isEqualTo("GDPR Art. 17(3)(b)");
        assertThat(publicTask.exemption()).contains(ErasureExemption.LEGAL_OBLIGATION);
    }

    @Test
    void anArt17_3ExemptionStillBlocksErasureOfDataUsedForDirectMarketing() {
        RightAssessment erasure = RightsMap.assess(ERASURE, new Processing(LegalBasis.CONSENT,
                SpecialCategoryCondition.LEGAL_CLAIMS, true, true));

        assertThat(erasure.applicability()).isEqualTo(CASE_BY_CASE);
        assertThat(erasure.exemption()).contains(ErasureExemption.LEGAL_CLAIMS);
    }

    @Test
    void objectionToResearchAppliesWhateverTheBasis() {
        for (LegalBasis basis : LegalBasis.values()) {
            RightAssessment objection = RightsMap.assess(OBJECTION, new Processing(basis,
                    SpecialCategoryCondition.ARCHIVING_RESEARCH_STATISTICS, false, false));
            assertThat(objection.applicability()).isEqualTo(CASE_BY_CASE);
            assertThat(objection.citation()).isEqualTo("GDPR Art. 21(6)");
        }
    }

    // --- Art. 17(3) exemptions reached through an Art. 9(2) condition ---

    @ParameterizedTest(name = "{0} under {1} -> {2} {3}")
    @CsvSource({
        // Art. 17(3) exempts "to the extent that processing is necessary": a person weighs it
        "PUBLIC_HEALTH,                 CONSENT,              CASE_BY_CASE,   GDPR Art. 17(3)(c)",
        "PUBLIC_HEALTH,                 PUBLIC_TASK,          CASE_BY_CASE,   GDPR Art. 17(3)(c)",
        "LEGAL_CLAIMS,                  CONSENT,              CASE_BY_CASE,   GDPR Art. 17(3)(e)",
        "LEGAL_CLAIMS,                  LEGITIMATE_INTERESTS, CASE_BY_CASE,   GDPR Art. 17(3)(e)",
        "ARCHIVING_RESEARCH_STATISTICS, CONSENT,              CASE_BY_CASE,   GDPR Art. 17(3)(d)",
        "ARCHIVING_RESEARCH_STATISTICS, PUBLIC_TASK,          CASE_BY_CASE,   GDPR Art. 17(3)(d)",
    })
    void art9ConditionThatMatchesAnArt17_3ExemptionDecidesErasure(SpecialCategoryCondition condition,
                                                                  LegalBasis basis, Applicability applicability,
                                                                  String citation) {
        RightAssessment erasure = RightsMap.assess(ERASURE, withCondition(basis, condition));

        assertThat(erasure.right()).isEqualTo(ERASURE);
        assertThat(erasure.applicability()).isEqualTo(applicability);
        assertThat(erasure.citation()).isEqualTo(citation);
        assertThat(erasure.exemption()).get().extracting(ErasureExemption::name).isEqualTo(condition.name());
        assertThat(erasure.reason()).isNotBlank();
    }

    @Test
    void erasureFollowsWithdrawalOfExplicitConsentUnderArt9() {
        RightAssessment erasure = RightsMap.assess(ERASURE,
                withCondition(LegalBasis.CONTRACT, SpecialCategoryCondition.EXPLICIT_CONSENT));

        assertThat(erasure.applicability()).isEqualTo(APPLIES);
        assertThat(erasure.citation()).isEqualTo("GDPR Art. 17(1)(b)");
    }

    @ParameterizedTest
    // Left out: EXPLICIT_CONSENT (see erasureFollowsWithdrawalOfExplicitConsentUnderArt9) and
    // HEALTH_OR_SOCIAL_CARE, because Art. 17(3)(c) refers to Art. 9(2)(h) as well as (i) and whether that
    // exempts ordinary treatment records is a legal question this test should not settle.
    @EnumSource(value = SpecialCategoryCondition.class, names = {"PUBLIC_HEALTH", "LEGAL_CLAIMS",
        "ARCHIVING_RESEARCH_STATISTICS", "EXPLICIT_CONSENT", "HEALTH_OR_SOCIAL_CARE"},
        mode = EnumSource.Mode.EXCLUDE)
    void otherArt9ConditionsLeaveErasureToTheArt6Basis(SpecialCategoryCondition condition) {
        for (LegalBasis basis : LegalBasis.values()) {
            RightAssessment withCondition = RightsMap.assess(ERASURE, withCondition(basis, condition));
            RightAssessment ordinary = RightsMap.assess(ERASURE, ordinary(basis));
            assertThat(withCondition).as("%s under %s", condition, basis).isEqualTo(ordinary);
        }
    }

    // --- assessAll ---

    @ParameterizedTest
    @EnumSource(LegalBasis.class)
    void assessAllAnswersEveryRightInEnumOrderAndAgreesWithAssess(LegalBasis basis) {
        Processing processing = ordinary(basis);

        Map<DataSubjectRight, RightAssessment> all = RightsMap.assessAll(processing);

        assertThat(all.keySet()).containsExactly(DataSubjectRight.values());
        all.forEach((right, assessment) -> {
            assertThat(assessment.right()).isEqualTo(right);
            assertThat(assessment).isEqualTo(RightsMap.assess(right, processing));
        });
    }

    @Test
    void everyReasonIsANonBlankSentence() {
        for (LegalBasis basis : LegalBasis.values()) {
            for (SpecialCategoryCondition condition : SpecialCategoryCondition.values()) {
                for (boolean provided : new boolean[] {true, false}) {
                    for (boolean marketing : new boolean[] {true, false}) {
                        Processing processing = new Processing(basis, condition, provided, marketing);
                        RightsMap.assessAll(processing).values().forEach(assessment ->
                                assertThat(assessment.reason())
                                        .as("%s for %s", assessment.right(), processing)
                                        .isNotBlank()
                                        .matches("[A-Z].*\\.")
                                        .doesNotContain("null"));
                    }
                }
            }
        }
    }
}
