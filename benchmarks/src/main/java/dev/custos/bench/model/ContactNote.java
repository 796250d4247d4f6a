// SPDX-License-Identifier: Apache-2.0
package dev.custos.bench.model;

import static dev.custos.core.gdpr.DataCategory.CONTACT;
import static dev.custos.core.gdpr.LegalBasis.CONSENT;

import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.PersonalData;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * Contact data on consent, not special-category: every load is checked against the consent ledger but not
 * audited. The read path's variant without read audit.
 */
@Entity
@Table(name = "bench_contact_note", indexes = @Index(name = "bench_contact_note_subject_ix", columnList = "subjectId"))
public class ContactNote {

    @Id
    public Long id;

    @DataSubject(category = "participant")
    @Column(length = 64)
    public String subjectId;

    @PersonalData(category = CONTACT, basis = CONSENT, retention = "policy:newsletter", purpose = "newsletter",
            providedBySubject = true)
    @Column(length = 200)
    public String email;

    protected ContactNote() {
    }

    public ContactNote(Long id, String subjectId, String email) {
        this.id = id;
        this.subjectId = subjectId;
        this.email = email;
    }
}
