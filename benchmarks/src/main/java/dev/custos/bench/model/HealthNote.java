// SPDX-License-Identifier: Apache-2.0
package dev.custos.bench.model;

import static dev.custos.core.gdpr.DataCategory.HEALTH;
import static dev.custos.core.gdpr.LegalBasis.CONSENT;
import static dev.custos.core.gdpr.SpecialCategoryCondition.EXPLICIT_CONSENT;

import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.PersonalData;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * Health data given on explicit consent for research: every load is checked against the consent ledger and,
 * being special-category data, audited on the read chain. The read path and the access export use it. The
 * subject column is indexed together with the id, as the operations guide advises, so that the export's pages of
 * one subject come in id order without a sort.
 */
@Entity
@Table(name = "bench_health_note", indexes = @Index(name = "bench_health_note_subject_ix", columnList = "subjectId, id"))
public class HealthNote {

    @Id
    public Long id;

    @DataSubject(category = "participant")
    @Column(length = 64)
    public String subjectId;

    @PersonalData(category = HEALTH, basis = CONSENT, condition = EXPLICIT_CONSENT,
            retention = "until-consent-withdrawn", purpose = "research", providedBySubject = true)
    @Column(length = 200)
    public String answers;

    protected HealthNote() {
    }

    public HealthNote(Long id, String subjectId, String answers) {
        this.id = id;
        this.subjectId = subjectId;
        this.answers = answers;
    }
}
