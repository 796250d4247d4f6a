// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.metadata;

import dev.custos.core.Message;
import dev.custos.core.annotation.PersonalData;
import dev.custos.core.gdpr.Processing;
import dev.custos.core.gdpr.SpecialCategoryCondition;
import java.util.List;

/** The checks of one {@code @PersonalData} annotation that need nothing but the annotation itself. */
final class AttributeChecks {

    private AttributeChecks() {
    }

    static void check(PersonalData data, String location, List<Message> problems) {
        if (consentBased(data) && data.purpose().length == 0) {
            problems.add(ModelMessages.consentWithoutPurpose(location));
        } else if (data.category().sensitive() && data.purpose().length == 0) {
            // reads and writes are refused under a purpose the attribute does not declare: with none, never allowed
            problems.add(ModelMessages.sensitiveWithoutPurpose(location, data.category().name()));
        }
        for (String purpose : data.purpose()) {
            if (purpose.isBlank()) {
                problems.add(ModelMessages.blankPurpose(location));
            }
        }
        if (data.category().special() && data.condition() == SpecialCategoryCondition.NONE) {
            problems.add(ModelMessages.specialWithoutCondition(location, data.category().name()));
        }
        if (!data.category().special() && data.condition() != SpecialCategoryCondition.NONE) {
            problems.add(ModelMessages.conditionOnOrdinaryData(location, data.condition().name(),
                    data.category().name()));
        }
    }

    /** Whether the attribute is processed on consent, under Art. 6(1)(a) or Art. 9(2)(a). */
    static boolean consentBased(PersonalData data) {
        return new Processing(data.basis(), data.condition(), false, false).consentBased();
    }
}
