// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.testmodel;

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
import jakarta.persistence.Table;
import java.time.LocalDate;

/** A journal note assigned to its treating clinician: under the Norwegian pack only that clinician reads it. */
@Entity
@Table(name = "CareNote") // the entity name as table name, for plain SQL in tests; see Inquiry
public class CareNote {

    @Id
    public Long id;

    @DataSubject(category = "client")
    @Column(length = 64)
    public String clientId;

    @AssignedCaller
    @Column(length = 100)
    public String clinician;

    @RetentionAnchor(event = "last-entry")
    public LocalDate lastEntry;

    @PersonalData(category = HEALTH, basis = LEGAL_OBLIGATION, condition = HEALTH_OR_SOCIAL_CARE,
            retention = "policy:journal", purpose = "treatment")
    public String note;

    protected CareNote() {
    }

    public CareNote(Long id, String clientId, String clinician, LocalDate lastEntry, String note) {
        this.id = id;
        this.clientId = clientId;
        this.clinician = clinician;
        this.lastEntry = lastEntry;
        this.note = note;
    }
}
