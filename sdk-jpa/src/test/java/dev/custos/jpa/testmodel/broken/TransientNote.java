// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.testmodel.broken;

import static dev.custos.core.gdpr.DataCategory.HEALTH;
import static dev.custos.core.gdpr.LegalBasis.LEGAL_OBLIGATION;
import static dev.custos.core.gdpr.SpecialCategoryCondition.HEALTH_OR_SOCIAL_CARE;

import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.PersonalData;
import dev.custos.core.annotation.RetentionAnchor;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Transient;
import java.time.LocalDate;

/** Personal data on a transient field: JPA never stores it, so Custos cannot protect it. */
@Entity
public class TransientNote {
    @Id
    public Long id;
    @DataSubject
    public String clientId;
    @RetentionAnchor(event = "last-entry")
    public LocalDate lastEntry;
    @Transient
    @PersonalData(category = HEALTH, basis = LEGAL_OBLIGATION, condition = HEALTH_OR_SOCIAL_CARE,
            retention = "policy:journal", purpose = "treatment")
    public String note;
    @PersonalData(category = dev.custos.core.gdpr.DataCategory.CONTACT,
            basis = dev.custos.core.gdpr.LegalBasis.CONTRACT, retention = "P1Y after last-entry",
            erasure = dev.custos.core.annotation.ErasureStrategy.CRYPTO_SHRED)
    public String phone;
}
