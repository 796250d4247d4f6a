// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.broken;

import static dev.custos.core.gdpr.DataCategory.CONTACT;
import static dev.custos.core.gdpr.LegalBasis.CONTRACT;

import dev.custos.core.annotation.PersonalData;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** Two mistakes: no @DataSubject, and a retention rule the pack does not have. */
@Entity
public class BrokenRecord {

    @Id
    public Long id;

    @PersonalData(category = CONTACT, basis = CONTRACT, retention = "policy:no-such-rule")
    public String phone;

    @PersonalData(category = CONTACT, basis = CONTRACT, retention = "P5Q")
    public String email;
}
