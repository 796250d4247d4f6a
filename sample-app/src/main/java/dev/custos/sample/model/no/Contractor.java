// SPDX-License-Identifier: Apache-2.0
package dev.custos.sample.model.no;

import static dev.custos.core.gdpr.DataCategory.CONTACT;
import static dev.custos.core.gdpr.DataCategory.IDENTITY;
import static dev.custos.core.gdpr.LegalBasis.CONTRACT;

import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.PersonalData;
import dev.custos.core.annotation.RetentionAnchor;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.LocalDate;

/** A self-employed contractor: deleted when the collaboration ends; fee invoices are kept under bookkeeping. */
@Entity(name = "NorwegianContractor")
public class Contractor {

    @Id
    @GeneratedValue
    public Long id;

    @Version
    public long version;

    @DataSubject(category = "contractor")
    @Column(length = 64)
    public String contractorId;

    @RetentionAnchor(event = "collaboration-end")
    public LocalDate collaborationEnd;

    @PersonalData(category = IDENTITY, basis = CONTRACT, retention = "policy:contractor", purpose = "collaboration")
    @Column(length = 200)
    public String name;

    @PersonalData(category = CONTACT, basis = CONTRACT, retention = "policy:contractor", purpose = "collaboration")
    @Column(length = 40)
    public String phone;

    protected Contractor() {
    }

    public Contractor(String contractorId, LocalDate collaborationEnd, String name, String phone) {
        this.contractorId = contractorId;
        this.collaborationEnd = collaborationEnd;
        this.name = name;
        this.phone = phone;
    }
}
