// SPDX-License-Identifier: Apache-2.0
package dev.custos.sample.model;

import static dev.custos.core.gdpr.DataCategory.CONTACT;
import static dev.custos.core.gdpr.LegalBasis.CONSENT;

import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.PersonalData;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import jakarta.validation.constraints.Email;

/** A newsletter subscription: kept while the subscriber's consent lasts, erased when it is withdrawn. */
@Entity
public class NewsletterSubscription {

    @Id
    @GeneratedValue
    public Long id;

    @Version
    public long version;

    @DataSubject(category = "newsletter subscriber")
    @Column(length = 64)
    public String subscriberId;

    @Email
    @PersonalData(category = CONTACT, basis = CONSENT, retention = "policy:newsletter", purpose = "newsletter",
            providedBySubject = true, directMarketing = true)
    @Column(length = 200)
    public String email;

    protected NewsletterSubscription() {
    }

    public NewsletterSubscription(String subscriberId, String email) {
        this.subscriberId = subscriberId;
        this.email = email;
    }
}
