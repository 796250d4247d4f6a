// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.gdpr;

import java.util.Objects;
import java.util.Optional;

/**
 * The answer of the {@link RightsMap} for one right and one processing.
 *
 * @param right         the right assessed
 * @param applicability whether it applies
 * @param citation      the provision the answer rests on, for example {@code GDPR Art. 20(1)}
 * @param reason        one sentence saying why, fit to be shown to the data subject
 * @param exemption     the Art. 17(3) exemption that blocks erasure, if that is the reason
 */
public record RightAssessment(DataSubjectRight right, Applicability applicability, String citation, String reason,
                              Optional<ErasureExemption> exemption) {

    public RightAssessment {
        Objects.requireNonNull(right, "right");
        Objects.requireNonNull(applicability, "applicability");
        Objects.requireNonNull(citation, "citation");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(exemption, "exemption");
    }

    static RightAssessment of(DataSubjectRight right, Applicability applicability, String citation, String reason) {
        return new RightAssessment(right, applicability, citation, reason, Optional.empty());
    }

    static RightAssessment exempt(ErasureExemption exemption, Applicability applicability, String reason) {
        return new RightAssessment(DataSubjectRight.ERASURE, applicability, exemption.citation(), reason,
                Optional.of(exemption));
    }

    /** Whether the right applies without further assessment. */
    public boolean applies() {
        return applicability == Applicability.APPLIES;
    }
}
