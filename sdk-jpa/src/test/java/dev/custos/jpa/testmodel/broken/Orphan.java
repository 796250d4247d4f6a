// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.testmodel.broken;

import static dev.custos.core.gdpr.DataCategory.CONTACT;
import static dev.custos.core.gdpr.LegalBasis.CONSENT;

import dev.custos.core.annotation.PersonalData;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** No @DataSubject, a consent basis without a purpose, and a rule the pack lacks. */
@Entity
public class Orphan {
    @Id
    public Long id;
    @PersonalData(category = CONTACT, basis = CONSENT, retention = "policy:marketing")
    public String email;
}
