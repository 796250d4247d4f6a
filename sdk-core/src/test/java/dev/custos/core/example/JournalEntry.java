// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.example;

import static dev.custos.core.gdpr.DataCategory.HEALTH;
import static dev.custos.core.gdpr.LegalBasis.LEGAL_OBLIGATION;
import static dev.custos.core.gdpr.SpecialCategoryCondition.HEALTH_OR_SOCIAL_CARE;

import dev.custos.core.annotation.AssignedCaller;
import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.PersonalData;
import dev.custos.core.annotation.RetentionAnchor;
import java.time.LocalDate;

/** The README's example entity; the docs module's SnippetsTest checks the README shows exactly this. */
// snippet:readme-entity
// @Entity
public class JournalEntry {
    // @Id @GeneratedValue
    Long id;

    @DataSubject(category = "client")              // whose data the row is
    String clientId;

    @AssignedCaller                                // NO: only the treating clinician reads it
    String clinician;

    @RetentionAnchor(event = "last-entry")         // when the retention clock starts
    LocalDate lastEntry;

    @PersonalData(category = HEALTH, basis = LEGAL_OBLIGATION, condition = HEALTH_OR_SOCIAL_CARE,
                  retention = "policy:journal",    // DK: 5 years, NO: 10 years, from the pack
                  purpose = "treatment")
    String note;
}
// end-snippet
