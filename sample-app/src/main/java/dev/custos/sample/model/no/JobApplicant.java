// SPDX-License-Identifier: Apache-2.0
package dev.custos.sample.model.no;

import static dev.custos.core.gdpr.DataCategory.EMPLOYMENT;
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

/** A job application (employee or contractor): deleted once someone is chosen, unless the applicant consents to longer. */
@Entity(name = "NorwegianJobApplicant")
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

    @PersonalData(category = IDENTITY, basis = CONTRACT, retention = "policy:job-applicant",
            purpose = "recruitment", providedBySubject = true)
    @Column(length = 200)
    public String name;

    @PersonalData(category = EMPLOYMENT, basis = CONTRACT, retention = "policy:job-applicant",
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
