// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.gdpr;

import java.util.Objects;

/**
 * The facts about a processing that decide which data-subject rights apply to it.
 *
 * @param basis             the Art. 6(1) basis
 * @param condition         the Art. 9(2) condition; {@link SpecialCategoryCondition#NONE} for ordinary data
 * @param providedBySubject whether the data subject provided the data (Art. 20(1))
 * @param directMarketing   whether the processing is for direct marketing (Art. 21(2)-(3))
 */
public record Processing(LegalBasis basis, SpecialCategoryCondition condition, boolean providedBySubject,
                         boolean directMarketing) {

    public Processing {
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(condition, "condition");
    }

    /** Ordinary data under {@code basis}, not provided by the subject, not for marketing. */
    public static Processing of(LegalBasis basis) {
        return new Processing(basis, SpecialCategoryCondition.NONE, false, false);
    }

    /** Whether the processing rests on consent, under Art. 6(1)(a) or Art. 9(2)(a). */
    public boolean consentBased() {
        return basis == LegalBasis.CONSENT || condition == SpecialCategoryCondition.EXPLICIT_CONSENT;
    }
}
