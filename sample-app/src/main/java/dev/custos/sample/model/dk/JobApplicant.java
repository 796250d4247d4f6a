// SPDX-License-Identifier: Apache-2.0
package dev.custos.sample.model.dk;

import static dev.custos.core.gdpr.DataCategory.EMPLOYMENT;
import static dev.custos.core.gdpr.DataCategory.IDENTITY;
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

/**
 * A job application. Legitimate interests, not consent, as Datatilsynet advises; kept six months after the
 * recruitment ends (the pack's value; Datatilsynet accepts up to three years).
 */
@Entity(name = "DanishJobApplicant")
public class JobApplicant {

    @Id
    @GeneratedValue
    public Long id;

    @Version
    public long version;

    @DataSubject(category = "job applicant")
    @Column(length = 64)
    public String applicantId;

    @RetentionAnchor(event = "recruitment-end")
    public LocalDate recruitmentEnd;

    @PersonalData(category = IDENTITY, basis = LEGITIMATE_INTERESTS, retention = "policy:job-applicant",
            purpose = "recruitment", providedBySubject = true)
    @Column(length = 200)
    public String name;

    @PersonalData(category = EMPLOYMENT, basis = LEGITIMATE_INTERESTS, retention = "policy:job-applicant",
            purpose = "recruitment", providedBySubject = true)
    @Column(length = 4000)
    public String application;

    protected JobApplicant() {
    }

    public JobApplicant(String applicantId, LocalDate recruitmentEnd, String name, String application) {
        this.applicantId = applicantId;
        this.recruitmentEnd = recruitmentEnd;
        this.name = name;
        this.application = application;
    }
}
