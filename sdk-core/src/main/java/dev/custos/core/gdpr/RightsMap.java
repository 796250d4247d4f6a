// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.gdpr;

import static dev.custos.core.gdpr.Applicability.APPLIES;
import static dev.custos.core.gdpr.Applicability.CASE_BY_CASE;
import static dev.custos.core.gdpr.Applicability.DOES_NOT_APPLY;

import java.util.EnumMap;
import java.util.Map;

/**
 * Which data-subject rights apply to a processing, and why, under GDPR Chapter III.
 * <p>
 * Custos processes data in an information system, so "carried out by automated means" (Art. 20(1)(b))
 * always holds. Time-bound duties to keep data (bookkeeping, journals) come from the policy pack's
 * retention rules, not from here: this map answers from the legal basis alone. Stateless and
 * thread-safe.
 */
public final class RightsMap {

    private RightsMap() {
    }

    /** Every right assessed for {@code processing}, in {@link DataSubjectRight} order. */
    public static Map<DataSubjectRight, RightAssessment> assessAll(Processing processing) {
        Map<DataSubjectRight, RightAssessment> all = new EnumMap<>(DataSubjectRight.class);
        for (DataSubjectRight right : DataSubjectRight.values()) {
            all.put(right, assess(right, processing));
        }
        return all;
    }

    /** Whether and why {@code right} applies to {@code processing}. */
    public static RightAssessment assess(DataSubjectRight right, Processing processing) {
        return switch (right) {
            case ACCESS -> RightAssessment.of(right, APPLIES, "GDPR Art. 15(1)",
                    "Every data subject may see the data held about them, whatever the legal basis.");
            case RECTIFICATION -> RightAssessment.of(right, APPLIES, "GDPR Art. 16",
                    "Inaccurate data must be corrected and incomplete data completed, whatever the legal basis.");
            case RESTRICTION -> RightAssessment.of(right, CASE_BY_CASE, "GDPR Art. 18(1)",
                    "Applies while accuracy is contested, the processing is unlawful, the data is needed only for the"
                            + " subject's legal claims, or an objection is being assessed.");
            case ERASURE -> erasure(processing);
            case PORTABILITY -> portability(processing);
            case OBJECTION -> objection(processing);
            case WITHDRAW_CONSENT -> processing.consentBased()
                    ? RightAssessment.of(right, APPLIES, "GDPR Art. 7(3)",
                            "The processing rests on consent, which may be withdrawn at any time.")
                    : RightAssessment.of(right, DOES_NOT_APPLY, "GDPR Art. 7(3)",
                            "The processing does not rest on consent, so there is no consent to withdraw.");
        };
    }

    private static RightAssessment erasure(Processing processing) {
        // Art. 9(2) conditions that coincide with an Art. 17(3) exemption come first: they are the narrower rule.
        switch (processing.condition()) {
            case PUBLIC_HEALTH:
                return RightAssessment.exempt(ErasureExemption.PUBLIC_HEALTH, CASE_BY_CASE,
                        "Erasure is refused in so far as the data is needed for reasons of public interest in public"
                                + " health.");
            case ARCHIVING_RESEARCH_STATISTICS:
                return RightAssessment.exempt(ErasureExemption.ARCHIVING_RESEARCH_STATISTICS, CASE_BY_CASE,
                        "Erasure is refused in so far as it would make the archiving or research purpose impossible"
                                + " or seriously impair it.");
            case LEGAL_CLAIMS:
                return RightAssessment.exempt(ErasureExemption.LEGAL_CLAIMS, CASE_BY_CASE,
                        "Erasure is refused in so far as the data is needed to establish, exercise or defend legal"
                                + " claims.");
            default:
                break;
        }
        DataSubjectRight erasure = DataSubjectRight.ERASURE;
        // Art. 17(3)(b) sets paragraph 1 aside, so it comes before every ground for erasure
        if (processing.basis() == LegalBasis.LEGAL_OBLIGATION) {
            return RightAssessment.exempt(ErasureExemption.LEGAL_OBLIGATION, DOES_NOT_APPLY,
                    "A legal obligation requires the data to be kept while the duty lasts.");
        }
        if (processing.basis() == LegalBasis.PUBLIC_TASK) {
            return RightAssessment.exempt(ErasureExemption.LEGAL_OBLIGATION, CASE_BY_CASE,
                    "Erasure is refused in so far as the data is needed for the task in the public interest.");
        }
        if (processing.consentBased()) {
            // Art. 17(1)(b) names consent under Art. 6(1)(a) and under Art. 9(2)(a) alike; it is the ground
            // whenever consent is the basis, for marketing too: a request to erase withdraws the consent
            return RightAssessment.of(erasure, APPLIES, "GDPR Art. 17(1)(b)",
                    "The processing rests on consent: once it is withdrawn the data must be erased.");
        }
        if (processing.directMarketing()) {
            return RightAssessment.of(erasure, APPLIES, "GDPR Art. 17(1)(c), Art. 21(2)",
                    "An objection to direct marketing is absolute, so the data must be erased on request.");
        }
        return switch (processing.basis()) {
            case CONTRACT -> RightAssessment.of(erasure, CASE_BY_CASE, "GDPR Art. 17(1)(a)",
                    "The data must be erased once it is no longer needed for the contract.");
            case VITAL_INTERESTS -> RightAssessment.of(erasure, CASE_BY_CASE, "GDPR Art. 17(1)(a)",
                    "The data must be erased once it is no longer needed to protect vital interests.");
            case LEGITIMATE_INTERESTS -> RightAssessment.of(erasure, CASE_BY_CASE, "GDPR Art. 17(1)(c), Art. 21(1)",
                    "The data must be erased after an objection unless there are overriding legitimate grounds.");
            case CONSENT, LEGAL_OBLIGATION, PUBLIC_TASK -> throw new IllegalStateException("handled above");
        };
    }

    private static RightAssessment portability(Processing processing) {
        DataSubjectRight right = DataSubjectRight.PORTABILITY;
        if (!processing.consentBased() && processing.basis() != LegalBasis.CONTRACT) {
            return RightAssessment.of(right, DOES_NOT_APPLY, "GDPR Art. 20(1)(a)",
                    "Portability covers only processing based on consent or on a contract, not "
                            + processing.basis().citation() + ".");
        }
        if (!processing.providedBySubject()) {
            return RightAssessment.of(right, DOES_NOT_APPLY, "GDPR Art. 20(1)",
                    "Portability covers only data the data subject provided, not data the controller created.");
        }
        return RightAssessment.of(right, APPLIES, "GDPR Art. 20(1)",
                "The subject provided the data, and the processing rests on consent or a contract.");
    }

    private static RightAssessment objection(Processing processing) {
        DataSubjectRight right = DataSubjectRight.OBJECTION;
        if (processing.directMarketing()) {
            return RightAssessment.of(right, APPLIES, "GDPR Art. 21(2)-(3)",
                    "An objection to direct marketing is absolute: the processing for that purpose must stop.");
        }
        if (processing.condition() == SpecialCategoryCondition.ARCHIVING_RESEARCH_STATISTICS) {
            return RightAssessment.of(right, CASE_BY_CASE, "GDPR Art. 21(6)",
                    "The subject may object to research or statistics processing whatever its basis, unless it is"
                            + " necessary for a task carried out in the public interest.");
        }
        return switch (processing.basis()) {
            case PUBLIC_TASK, LEGITIMATE_INTERESTS -> RightAssessment.of(right, CASE_BY_CASE, "GDPR Art. 21(1)",
                    "The processing must stop unless the controller shows compelling legitimate grounds that"
                            + " override the subject's interests, or needs the data for legal claims.");
            default -> RightAssessment.of(right, DOES_NOT_APPLY, "GDPR Art. 21(1)",
                    "The right to object covers processing under Art. 6(1)(e) or (f) and direct marketing, not "
                            + processing.basis().citation() + ".");
        };
    }
}
