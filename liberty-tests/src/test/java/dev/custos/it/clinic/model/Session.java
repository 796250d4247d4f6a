// SPDX-License-Identifier: Apache-2.0
package dev.custos.it.clinic.model;

import static dev.custos.core.gdpr.DataCategory.HEALTH;
import static dev.custos.core.gdpr.LegalBasis.CONSENT;
import static dev.custos.core.gdpr.SpecialCategoryCondition.EXPLICIT_CONSENT;

import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.PersonalData;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** Notes of an online session, kept on the client's explicit consent for purpose "treatment". */
@Entity
public class Session {

    @Id
    public Long id;

    @DataSubject(category = "client")
    @Column(length = 64)
    public String clientId;

    @PersonalData(category = HEALTH, basis = CONSENT, condition = EXPLICIT_CONSENT,
            retention = "until-consent-withdrawn", purpose = "treatment", providedBySubject = true)
    public String notes;

    protected Session() {
    }

    public Session(Long id, String clientId, String notes) {
        this.id = id;
        this.clientId = clientId;
        this.notes = notes;
    }
}
