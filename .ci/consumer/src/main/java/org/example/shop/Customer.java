// SPDX-License-Identifier: Apache-2.0
package org.example.shop;

import static dev.custos.core.gdpr.DataCategory.CONTACT;
import static dev.custos.core.gdpr.LegalBasis.CONSENT;

import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.PersonalData;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A customer whose newsletter address is kept on consent: compiles against sdk-core's annotations. */
@Entity
public class Customer {

    @Id
    public Long id;

    @DataSubject(category = "customer")
    public String customerNumber;

    @PersonalData(category = CONTACT, basis = CONSENT, retention = "until-consent-withdrawn", purpose = "newsletter")
    public String newsletterAddress;
}
