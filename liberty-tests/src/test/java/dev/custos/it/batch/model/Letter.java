// SPDX-License-Identifier: Apache-2.0
package dev.custos.it.batch.model;

import static dev.custos.core.gdpr.DataCategory.CONTACT;
import static dev.custos.core.gdpr.LegalBasis.CONTRACT;

import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.PersonalData;
import dev.custos.core.annotation.RetentionAnchor;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** A letter, its text nulled a year after it was sent. BatchSweepIT writes and reads it with SQL. */
@Entity
@Table(name = "batch_letter")
public class Letter {

    @Id
    public Long id;

    @DataSubject(category = "customer")
    @Column(name = "subject_id", length = 64)
    public String subjectId;

    @RetentionAnchor(event = "sent")
    @Column(name = "sent_on")
    public LocalDate sentOn;

    @PersonalData(category = CONTACT, basis = CONTRACT, retention = "P1Y after sent", purpose = "correspondence")
    @Column(name = "body", length = 200)
    public String body;
}
