// SPDX-License-Identifier: Apache-2.0
package dev.custos.it.batch.model;

import static dev.custos.core.gdpr.DataCategory.CONTACT;
import static dev.custos.core.gdpr.LegalBasis.CONTRACT;

import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.ErasureStrategy;
import dev.custos.core.annotation.PersonalData;
import dev.custos.core.annotation.RetentionAnchor;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** A parcel's address, the row deleted a year after shipping. BatchSweepIT writes and reads it with SQL. */
@Entity
@Table(name = "batch_parcel")
public class Parcel {

    @Id
    public Long id;

    @DataSubject(category = "customer")
    @Column(name = "subject_id", length = 64)
    public String subjectId;

    @RetentionAnchor(event = "shipped")
    @Column(name = "shipped_on")
    public LocalDate shippedOn;

    @PersonalData(category = CONTACT, basis = CONTRACT, retention = "P1Y after shipped", purpose = "delivery",
            erasure = ErasureStrategy.DELETE_ROW)
    @Column(name = "address", length = 200)
    public String address;
}
