// SPDX-License-Identifier: Apache-2.0
package dev.custos.it.health;

import static dev.custos.core.gdpr.DataCategory.HEALTH;
import static dev.custos.core.gdpr.LegalBasis.CONSENT;
import static dev.custos.core.gdpr.SpecialCategoryCondition.EXPLICIT_CONSENT;

import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.PersonalData;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A visit's notes: the one annotated entity of HealthIT's unit. */
@Entity
@Table(name = "it_health_visit")
public class Visit {

    @Id
    public Long id;

    @DataSubject(category = "client")
    @Column(length = 64)
    public String clientId;

    @PersonalData(category = HEALTH, basis = CONSENT, condition = EXPLICIT_CONSENT,
            retention = "until-consent-withdrawn", purpose = "treatment", providedBySubject = true)
    public String notes;

    protected Visit() {
    }
}
