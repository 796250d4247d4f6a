// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.testmodel;

import static dev.custos.core.gdpr.DataCategory.COMMUNICATION;
import static dev.custos.core.gdpr.LegalBasis.LEGITIMATE_INTERESTS;

import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.ErasureStrategy;
import dev.custos.core.annotation.PersonalData;
import dev.custos.core.annotation.RetentionAnchor;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/**
 * A contact enquiry under legitimate interests, kept 12 months after the last correspondence (an inline rule, so
 * it runs under any pack): an erasure request leaves it to a person's decision, case by case.
 */
@Entity
@Table(name = "enquiry")
public class Enquiry {

    @Id
    public Long id;

    @DataSubject(category = "prospect")
    @Column(length = 64)
    public String clientId;

    @RetentionAnchor(event = "last-correspondence")
    public LocalDateTime lastCorrespondence;

    @PersonalData(category = COMMUNICATION, basis = LEGITIMATE_INTERESTS, retention = "P12M after last-correspondence",
            purpose = {"enquiry", "gp-disclosure"}, erasure = ErasureStrategy.DELETE_ROW)
    public String message;

    protected Enquiry() {
    }

    public Enquiry(Long id, String clientId, LocalDateTime lastCorrespondence, String message) {
        this.id = id;
        this.clientId = clientId;
        this.lastCorrespondence = lastCorrespondence;
        this.message = message;
    }
}
