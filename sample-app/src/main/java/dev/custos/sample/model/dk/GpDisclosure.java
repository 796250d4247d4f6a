// SPDX-License-Identifier: Apache-2.0
package dev.custos.sample.model.dk;

import static dev.custos.core.gdpr.DataCategory.HEALTH;
import static dev.custos.core.gdpr.LegalBasis.LEGAL_OBLIGATION;
import static dev.custos.core.gdpr.SpecialCategoryCondition.HEALTH_OR_SOCIAL_CARE;

import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.PersonalData;
import dev.custos.core.annotation.RetentionAnchor;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.LocalDate;

/**
 * The record of a client's written consent to a disclosure to the GP (or another partner), and of the disclosure.
 * The consent permits the disclosure; the record of it is journal content, kept under the journal duty: withdrawing
 * the consent stops further disclosures but does not erase this record (see the pack's rule
 * {@code gp-disclosure-consent}).
 */
@Entity(name = "DanishGpDisclosure")
public class GpDisclosure {

    @Id
    @GeneratedValue
    public Long id;

    @Version
    public long version;

    @DataSubject(category = "client")
    @Column(length = 64)
    public String clientId;

    @RetentionAnchor(event = "last-entry")
    public LocalDate lastEntry;

    /** Who receives the information, and what: the content of the written consent. */
    @PersonalData(category = HEALTH, basis = LEGAL_OBLIGATION, condition = HEALTH_OR_SOCIAL_CARE,
            retention = "policy:gp-disclosure-consent", purpose = "treatment")
    @Column(length = 2000)
    public String consentText;

    public LocalDate signedOn;

    protected GpDisclosure() {
    }

    public GpDisclosure(String clientId, LocalDate signedOn, String consentText) {
        this.clientId = clientId;
        this.signedOn = signedOn;
        this.lastEntry = signedOn;
        this.consentText = consentText;
    }
}
