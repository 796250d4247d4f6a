// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.request;

import dev.custos.core.Message;
import dev.custos.core.consent.ConsentStatus;
import dev.custos.core.gdpr.SpecialCategoryCondition;
import dev.custos.core.metadata.PersonalDataAttribute;
import dev.custos.core.retention.ErasureDecision;
import dev.custos.core.retention.RecordState;
import dev.custos.core.retention.RetentionEngine;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a consent withdrawal does with each value of the subject (see {@link SubjectErasure}). A value whose
 * processing rests on consent (GDPR Art. 6(1)(a) or 9(2)(a)) for one of the withdrawn purposes, and on no consent
 * still given for another of its purposes, has lost its only basis: the retention engine answers for it as for an
 * erasure request (GDPR Art. 17(1)(b)), so a legal hold or a duty to keep still keeps it, with rule and citation.
 * Every other value is kept, and its line says why: it rests on another basis (contract, legal obligation, ...),
 * on consent for other purposes only, or on a consent that still stands. Immutable and thread-safe.
 */
final class WithdrawalQuestion implements SubjectErasure.Question {

    private final RetentionEngine engine;
    private final Set<String> withdrawn;

    WithdrawalQuestion(RetentionEngine engine, Set<String> withdrawn) {
        this.engine = engine;
        this.withdrawn = Set.copyOf(withdrawn);
    }

    @Override
    public ErasureDecision decide(PersonalDataAttribute attribute, RecordState state) {
        String basis = basis(attribute);
        String purposes = String.join(", ", attribute.purposes());
        if (!attribute.processing().consentBased() || Collections.disjoint(attribute.purposes(), withdrawn)) {
            return keep(basis, RequestExecutionMessages.withdrawalDoesNotReach(basis, purposes));
        }
        if (state.consent().state() == ConsentStatus.State.ACTIVE) {
            // the value may still be processed for the other purpose, so it has not lost its basis
            List<String> others = attribute.purposes().stream().filter(p -> !withdrawn.contains(p)).toList();
            return keep(basis, RequestExecutionMessages.consentStillGiven(String.join(", ", others), basis));
        }
        return engine.assessErasureRequest(attribute.rule(), attribute.processing(), state);
    }

    private static ErasureDecision keep(String citation, Message detail) {
        return new ErasureDecision(ErasureDecision.Outcome.KEEP, citation, Optional.empty(), Optional.empty(), detail);
    }

    /** The attribute's Art. 6(1) basis, with its Art. 9(2) condition where it has one. */
    private static String basis(PersonalDataAttribute attribute) {
        return attribute.condition() == SpecialCategoryCondition.NONE ? attribute.basis().citation()
                : attribute.basis().citation() + "; " + attribute.condition().citation();
    }
}
