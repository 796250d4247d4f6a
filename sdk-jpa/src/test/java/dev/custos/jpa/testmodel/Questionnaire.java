// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.testmodel;

import static dev.custos.core.gdpr.DataCategory.HEALTH;
import static dev.custos.core.gdpr.LegalBasis.CONSENT;
import static dev.custos.core.gdpr.SpecialCategoryCondition.EXPLICIT_CONSENT;

import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.PersonalData;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Health answers given for research on explicit consent: reads without consent are refused. */
@Entity
@Table(name = "Questionnaire") // the entity name as table name, for plain SQL in tests; see Inquiry
public class Questionnaire {

    @Id
    public Long id;

    @DataSubject(category = "client")
    @Column(length = 64)
    public String clientId;

    @PersonalData(category = HEALTH, basis = CONSENT, condition = EXPLICIT_CONSENT,
            retention = "until-consent-withdrawn", purpose = "research", providedBySubject = true)
    public String answers;

    protected Questionnaire() {
    }

    public Questionnaire(Long id, String clientId, String answers) {
        this.id = id;
        this.clientId = clientId;
        this.answers = answers;
    }
}
