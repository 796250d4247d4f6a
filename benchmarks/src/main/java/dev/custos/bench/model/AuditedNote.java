// SPDX-License-Identifier: Apache-2.0
package dev.custos.bench.model;

import static dev.custos.core.gdpr.DataCategory.CONTACT;
import static dev.custos.core.gdpr.DataCategory.IDENTITY;
import static dev.custos.core.gdpr.LegalBasis.CONTRACT;

import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.PersonalData;
import dev.custos.core.annotation.RetentionAnchor;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import org.hibernate.envers.Audited;

/**
 * The write path's entity, audited two ways: by Custos (its annotations, in the units where Custos is started)
 * and by Hibernate Envers ({@code @Audited}, in the unit {@code hibernate-envers} only; the other Hibernate units
 * switch Envers off). The ids are assigned, so both providers batch the inserts.
 */
@Entity
@Audited
@Table(name = "bench_audited_note")
public class AuditedNote {

    @Id
    public Long id;

    @DataSubject(category = "customer")
    @Column(length = 64)
    public String subjectId;

    @RetentionAnchor(event = "last-purchase")
    public LocalDate lastPurchase;

    @PersonalData(category = IDENTITY, basis = CONTRACT, retention = "policy:consulting-customer", purpose = "billing")
    @Column(length = 200)
    public String name;

    @PersonalData(category = CONTACT, basis = CONTRACT, retention = "policy:consulting-customer", purpose = "billing")
    @Column(length = 200)
    public String phone;

    protected AuditedNote() {
    }

    public AuditedNote(Long id, String subjectId, LocalDate lastPurchase, String name, String phone) {
        this.id = id;
        this.subjectId = subjectId;
        this.lastPurchase = lastPurchase;
        this.name = name;
        this.phone = phone;
    }
}
