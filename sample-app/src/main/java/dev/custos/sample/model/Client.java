// SPDX-License-Identifier: Apache-2.0
package dev.custos.sample.model;

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
import jakarta.validation.constraints.Email;
import java.time.LocalDate;

/**
 * A client (patient) of a clinic. Being registered for treatment is itself data concerning health (GDPR recital
 * 35), so name and e-mail are kept under the journal rule, with the journal.
 */
@Entity
public class Client {

    /** The client's user name, which is also the subject id under which Custos keeps consents and requests. */
    @Id
    @DataSubject(category = "client")
    @Column(length = 64)
    public String id;

    @AssignedCaller
    @Column(length = 64)
    public String treatingClinician;

    @RetentionAnchor(event = "last-entry")
    public LocalDate lastEntry;

    @PersonalData(category = HEALTH, basis = LEGAL_OBLIGATION, condition = HEALTH_OR_SOCIAL_CARE,
            retention = "policy:journal", purpose = "treatment", providedBySubject = true)
    @Column(length = 200)
    public String name;

    @Email
    @PersonalData(category = HEALTH, basis = LEGAL_OBLIGATION, condition = HEALTH_OR_SOCIAL_CARE,
            retention = "policy:journal", purpose = "treatment", providedBySubject = true)
    @Column(length = 200)
    public String email;

    protected Client() {
    }

    public Client(String id, String name, String email, String treatingClinician, LocalDate lastEntry) {
        this.id = id;
        this.name = name;
        this.email = email;
        this.treatingClinician = treatingClinician;
        this.lastEntry = lastEntry;
    }
}
