// SPDX-License-Identifier: Apache-2.0
package dev.custos.sample.model.dk;

import static dev.custos.core.gdpr.DataCategory.COMMUNICATION;
import static dev.custos.core.gdpr.DataCategory.CONTACT;
import static dev.custos.core.gdpr.LegalBasis.LEGITIMATE_INTERESTS;

import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.PersonalData;
import dev.custos.core.annotation.RetentionAnchor;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.LocalDate;

/** An inquiry through the contact form or by e-mail: erased 12 months after the last correspondence. */
@Entity(name = "DanishContactInquiry")
public class ContactInquiry {

    @Id
    @GeneratedValue
    public Long id;

    @Version
    public long version;

    @DataSubject(category = "person making an inquiry")
    @Column(length = 64)
    public String personId;

    @RetentionAnchor(event = "last-correspondence")
    public LocalDate lastCorrespondence;

    @PersonalData(category = CONTACT, basis = LEGITIMATE_INTERESTS, retention = "policy:contact-inquiry",
            purpose = "inquiry", providedBySubject = true)
    @Column(length = 200)
    public String email;

    @PersonalData(category = COMMUNICATION, basis = LEGITIMATE_INTERESTS, retention = "policy:contact-inquiry",
            purpose = "inquiry", providedBySubject = true)
    @Column(length = 4000)
    public String message;

    protected ContactInquiry() {
    }

    public ContactInquiry(String personId, LocalDate lastCorrespondence, String email, String message) {
        this.personId = personId;
        this.lastCorrespondence = lastCorrespondence;
        this.email = email;
        this.message = message;
    }
}
