// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.Message;
import dev.custos.core.SafeCause;
import dev.custos.core.consent.ConsentDecision;
import dev.custos.core.consent.ConsentEvaluator;
import dev.custos.core.consent.ConsentEvent;
import dev.custos.core.metadata.PersonalDataAttribute;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.EntityMapping;
import dev.custos.jpa.access.ProcessingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The access guard's purpose limitation: which attributes the caller may not process under the purpose in effect,
 * and why (see {@link AccessGuard}). Thread-safe.
 */
final class PurposeDenials {

    private final CustosRuntime runtime;
    private final ConsentLookup consents;
    private final ConsentEvaluator evaluator;

    PurposeDenials(CustosRuntime runtime, ConsentLookup consents) {
        this.runtime = runtime;
        this.consents = consents;
        this.evaluator = new ConsentEvaluator(runtime.clock());
    }

    /** The attributes whose reads are limited to a purpose: consent-based, declaring purposes, or sensitive. */
    static List<PersonalDataAttribute> purposeBound(EntityMapping mapping) {
        return mapping.model().attributes().stream()
                .filter(a -> a.consentRequired() || !a.purposes().isEmpty() || a.category().sensitive()).toList();
    }

    /**
     * Whether processing {@code attribute} under {@code purpose} needs the subject's consent: its basis is consent,
     * or the pack says the purpose needs consent whatever the basis.
     */
    boolean needsConsent(PersonalDataAttribute attribute, Optional<String> purpose) {
        return attribute.consentRequired(purpose, runtime.pack());
    }

    /**
     * Which of {@code purposeBound} the caller may not process under the purpose in effect, and why: see the class
     * comment of {@link AccessGuard}. Custos itself is held to consent only.
     */
    List<Denial> denials(List<PersonalDataAttribute> purposeBound, String subjectId, ReadScope scope) {
        if (purposeBound.isEmpty()) {
            return List.of();
        }
        Optional<String> purpose = ProcessingContext.purpose();
        List<ConsentEvent> events = null;
        SafeCause unavailable = null;
        Boolean system = null;
        List<Denial> denials = new ArrayList<>();
        for (PersonalDataAttribute attribute : purposeBound) {
            String location = attribute.name();
            if (!needsConsent(attribute, purpose)) {
                if (system == null) {
                    system = runtime.currentCaller().system();
                }
                Message reason = system ? null : purposeDenial(attribute, purpose);
                if (reason != null) {
                    denials.add(new Denial(attribute, reason));
                }
                continue;
            }
            if (purpose.isEmpty()) {
                denials.add(new Denial(attribute, JpaMessages.noPurpose(location,
                        String.join(", ", attribute.purposes()))));
                continue;
            }
            if (!attribute.purposes().contains(purpose.get())) {
                denials.add(new Denial(attribute, JpaMessages.purposeNotDeclared(location, purpose.get(),
                        String.join(", ", attribute.purposes()))));
                continue;
            }
            ConsentDecision decision = scope == null ? null : scope.decision(subjectId, purpose.get());
            if (decision == null) {
                if (events == null && unavailable == null) {
                    try {
                        events = scope == null ? consents.events(subjectId) : scope.events(subjectId, consents);
                    } catch (Exception e) {
                        unavailable = SanitizedCause.describe(e);
                    }
                }
                decision = unavailable != null ? ConsentDecision.unavailable(purpose.get(), unavailable)
                        : evaluator.evaluate(events, subjectId, purpose.get(), Set.of());
                if (scope != null && unavailable == null) {
                    scope.decided(subjectId, purpose.get(), decision);
                }
            }
            if (!decision.permitted()) {
                denials.add(new Denial(attribute, decision.detail()));
            }
        }
        return denials;
    }

    /** Why an attribute that is not consent-based may not be processed under {@code purpose}, or null. */
    private static Message purposeDenial(PersonalDataAttribute attribute, Optional<String> purpose) {
        if (purpose.isEmpty()) {
            // ordinary data is read with no purpose in effect; special categories never are
            return attribute.category().sensitive()
                    ? JpaMessages.sensitiveWithoutPurpose(attribute.name(), String.join(", ", attribute.purposes()))
                    : null;
        }
        if (!attribute.purposes().isEmpty() && !attribute.purposes().contains(purpose.get())) {
            return JpaMessages.purposeNotDeclared(attribute.name(), purpose.get(),
                    String.join(", ", attribute.purposes()));
        }
        return null;
    }

    static List<String> names(List<Denial> denials) {
        return denials.stream().map(d -> d.attribute.name()).toList();
    }

    /** An attribute the caller may not process, and why. */
    record Denial(PersonalDataAttribute attribute, Message reason) {
    }
}
