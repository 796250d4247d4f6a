// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.testmodel;

import static dev.custos.core.gdpr.DataCategory.HEALTH;
import static dev.custos.core.gdpr.LegalBasis.LEGAL_OBLIGATION;
import static dev.custos.core.gdpr.SpecialCategoryCondition.HEALTH_OR_SOCIAL_CARE;

import dev.custos.core.annotation.AssignedCaller;
import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.PersonalData;
import dev.custos.core.annotation.RetentionAnchor;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.LocalDate;

/**
 * A journal note, kept under the pack's journal rule: a duty to keep that refuses erasure and names a route. Its
 * clinician is empty: under the Danish pack the journal is open to any caller.
 */
@Entity
public class JournalNote {

    @Id
    public Long id;

    @DataSubject(category = "client")
    @Column(length = 64)
    public String clientId;

    /** Who the note is assigned to: only that clinician reads it under the Norwegian pack. */
    @AssignedCaller
    @Column(length = 64)
    public String clinician;

    @RetentionAnchor(event = "last-entry")
    public LocalDate lastEntry;

    @PersonalData(category = HEALTH, basis = LEGAL_OBLIGATION, condition = HEALTH_OR_SOCIAL_CARE,
            retention = "policy:journal", purpose = "treatment")
    public String text;

    protected JournalNote() {
    }

    public JournalNote(Long id, String clientId, LocalDate lastEntry, String text) {
        this.id = id;
        this.clientId = clientId;
        this.lastEntry = lastEntry;
        this.text = text;
    }
}
