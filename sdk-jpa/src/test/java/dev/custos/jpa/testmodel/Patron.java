// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.testmodel;

import static dev.custos.core.gdpr.DataCategory.CONTACT;
import static dev.custos.core.gdpr.LegalBasis.CONSENT;
import static dev.custos.core.gdpr.LegalBasis.CONTRACT;

import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.DeniedAccess;
import dev.custos.core.annotation.ErasureStrategy;
import dev.custos.core.annotation.PersonalData;
import dev.custos.core.annotation.RetentionAnchor;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A library patron as an existing application would have written it, with Bean Validation on its personal
 * fields: the e-mail and phone are for the newsletter only and masked for every other purpose.
 */
@Entity
@Table(name = "Patron") // the entity name as table name, for plain SQL in tests; see Inquiry
public class Patron {

    @Id
    @DataSubject(category = "client")
    @Column(length = 64)
    public String patronId;

    @RetentionAnchor(event = "last-visit")
    public LocalDate lastVisit;

    /** Not personal data: what the application changes when a patron comes in. */
    public int visits;

    /** Not personal data either; a change of it alone moves the version on. */
    @ElementCollection
    @CollectionTable(name = "Patron_visit")
    public List<LocalDate> visitDates = new ArrayList<>();

    @Version
    public long version;

    // ANONYMIZE: NULLIFY would break @NotEmpty, which Custos refuses at start (CUSTOS-04430)
    @PersonalData(category = CONTACT, basis = CONTRACT, retention = "P1Y after last-visit", purpose = "lending",
            erasure = ErasureStrategy.ANONYMIZE)
    @NotEmpty
    public String street;

    @PersonalData(category = CONTACT, basis = CONSENT, retention = "policy:newsletter", purpose = "newsletter",
            providedBySubject = true, whenDenied = DeniedAccess.MASK, erasure = ErasureStrategy.ANONYMIZE)
    @NotEmpty
    @Email
    public String email;

    @PersonalData(category = CONTACT, basis = CONSENT, retention = "policy:newsletter", purpose = "newsletter",
            providedBySubject = true, whenDenied = DeniedAccess.MASK, erasure = ErasureStrategy.ANONYMIZE,
            replacement = "+000000000")
    @NotEmpty
    @Pattern(regexp = "\\+[0-9]{8,15}")
    public String phone;

    protected Patron() {
    }

    public Patron(String patronId, LocalDate lastVisit, String street, String email, String phone) {
        this.patronId = patronId;
        this.lastVisit = lastVisit;
        this.street = street;
        this.email = email;
        this.phone = phone;
    }
}
