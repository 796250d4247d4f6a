// SPDX-License-Identifier: Apache-2.0
package dev.custos.it.broken;

import static dev.custos.core.gdpr.DataCategory.CONTACT;
import static dev.custos.core.gdpr.LegalBasis.CONTRACT;

import dev.custos.core.annotation.PersonalData;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** Two mistakes a developer makes: no @DataSubject, and a malformed retention period. */
@Entity
public class Orphan {

    @Id
    public Long id;

    @PersonalData(category = CONTACT, basis = CONTRACT, retention = "P5Q")
    public String phone;
}
