// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.metadata;

import dev.custos.core.annotation.DeniedAccess;
import dev.custos.core.annotation.ErasureStrategy;
import dev.custos.core.gdpr.DataCategory;
import dev.custos.core.gdpr.LegalBasis;
import dev.custos.core.gdpr.Processing;
import dev.custos.core.gdpr.SpecialCategoryCondition;
import dev.custos.core.policy.PolicyPack;
import dev.custos.core.policy.PolicyRule;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code @PersonalData} attribute, validated and bound to the retention rule of the active pack.
 *
 * @param name              the attribute's name
 * @param type              its Java type
 * @param category          the data category
 * @param basis             the Art. 6(1) basis
 * @param condition         the Art. 9(2) condition
 * @param rule              the retention rule, resolved against the pack
 * @param anchor            the name of the anchor attribute the rule's clock runs from, or, for a
 *                          {@code @DerivedClock}, {@code clock:} and its event; empty if none is needed
 * @param purposes          the declared purposes
 * @param erasure           how it is erased
 * @param providedBySubject whether the subject provided it
 * @param directMarketing   whether it is processed for direct marketing
 * @param whenDenied        what a denied read does
 * @param derivedCopies     attributes derived from this one, erased with it
 */
public record PersonalDataAttribute(String name, Class<?> type, DataCategory category, LegalBasis basis,
                                    SpecialCategoryCondition condition, PolicyRule rule, String anchor,
                                    List<String> purposes, ErasureStrategy erasure, boolean providedBySubject,
                                    boolean directMarketing, DeniedAccess whenDenied, List<String> derivedCopies) {

    public PersonalDataAttribute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(anchor, "anchor");
        purposes = List.copyOf(purposes);
        Objects.requireNonNull(erasure, "erasure");
        Objects.requireNonNull(whenDenied, "whenDenied");
        derivedCopies = List.copyOf(derivedCopies);
    }

    /** The facts the rights map needs. */
    public Processing processing() {
        return new Processing(basis, condition, providedBySubject, directMarketing);
    }

    /** Whether reads need the subject's consent for the current purpose, because the data's basis is consent. */
    public boolean consentRequired() {
        return processing().consentBased();
    }

    /**
     * Whether processing the attribute for {@code purpose} needs the subject's consent: always where the data's
     * basis is consent, and, whatever the basis, where the attribute is processed for a purpose that {@code pack}
     * says needs consent ({@code <purpose requires-consent="true">}, for example disclosing a journal kept under a
     * legal obligation to the client's GP).
     */
    public boolean consentRequired(Optional<String> purpose, PolicyPack pack) {
        return consentRequired() || purpose.filter(purposes::contains).filter(pack::consentRequiredFor).isPresent();
    }
}
