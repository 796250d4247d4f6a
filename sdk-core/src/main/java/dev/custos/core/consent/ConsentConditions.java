// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.consent;

import dev.custos.core.Message;
import dev.custos.core.policy.Citation;
import dev.custos.core.policy.PackPurpose;
import dev.custos.core.policy.PackSetting;
import dev.custos.core.policy.PolicyPack;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a policy pack asks of a consent before it may be recorded, from the pack's {@code <purpose>} for it:
 * written evidence where the purpose requires consent in writing, and for an information society service (GDPR
 * Art. 8) either an age band at or above the pack's digital consent age or the authorisation of the holder of
 * parental responsibility. A purpose the pack says nothing about asks for nothing. Stateless and thread-safe.
 */
public final class ConsentConditions {

    private ConsentConditions() {
    }

    /**
     * Why consent of a subject to {@code purpose} with {@code evidence} must not be recorded under {@code pack},
     * or empty when it may: {@code CUSTOS-02032} without the written evidence the purpose requires,
     * {@code CUSTOS-02033} for an age band below the digital consent age without parental authorisation,
     * {@code CUSTOS-02034} with neither an age band nor an authorisation, {@code CUSTOS-02035} when the pack has no
     * valid digital consent age. The Art. 8 messages cite the pack's {@value PackPurpose#DIGITAL_CONSENT_AGE}
     * setting, which carries the national provision.
     */
    public static Optional<Message> refusal(PolicyPack pack, String purpose, ConsentEvidence evidence) {
        Optional<PackPurpose> found = pack.purpose(purpose);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        PackPurpose rules = found.get();
        if (rules.writtenConsent() && evidence.form().filter(f -> f == ConsentEvidence.Form.WRITTEN).isEmpty()) {
            return Optional.of(ConsentMessages.writtenConsentMissing(purpose, rules.citationLine()));
        }
        if (!rules.informationSocietyService() || evidence.parentallyAuthorised()) {
            return Optional.empty();
        }
        Optional<Integer> age = pack.digitalConsentAge();
        if (age.isEmpty()) {
            return Optional.of(ConsentMessages.consentAgeUnset(purpose, pack.id()));
        }
        String citations = pack.setting(PackPurpose.DIGITAL_CONSENT_AGE).map(PackSetting::citations).orElseThrow()
                .stream().map(Citation::toString).collect(Collectors.joining("; "));
        if (evidence.ageAtLeast().isEmpty()) {
            return Optional.of(ConsentMessages.ageUnknown(purpose, age.get().toString(), citations));
        }
        if (evidence.ageAtLeast().get() < age.get()) {
            return Optional.of(ConsentMessages.childBelowConsentAge(purpose, evidence.ageBand().orElseThrow(),
                    age.get().toString(), citations));
        }
        return Optional.empty();
    }
}
