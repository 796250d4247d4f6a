// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.testmodel;

import static dev.custos.core.gdpr.DataCategory.HEALTH;
import static dev.custos.core.gdpr.LegalBasis.CONSENT;
import static dev.custos.core.gdpr.SpecialCategoryCondition.EXPLICIT_CONSENT;

import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.ErasureStrategy;
import dev.custos.core.annotation.PersonalData;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Health answers for research on explicit consent, stored encrypted under the subject's data key (CRYPTO_SHRED). */
@Entity
@Table(name = "SealedAnswer") // the entity name as table name, for plain SQL in tests; see Inquiry
public class SealedAnswer {

    @Id
    public Long id;

    @DataSubject(category = "client")
    @Column(length = 64)
    public String clientId;

    @PersonalData(category = HEALTH, basis = CONSENT, condition = EXPLICIT_CONSENT,
            retention = "until-consent-withdrawn", purpose = "research", providedBySubject = true,
            erasure = ErasureStrategy.CRYPTO_SHRED)
    @Column(length = 1000)
    public String answers;

    protected SealedAnswer() {
    }

    public SealedAnswer(Long id, String clientId, String answers) {
        this.id = id;
        this.clientId = clientId;
        this.answers = answers;
    }
}
