// SPDX-License-Identifier: Apache-2.0
package dev.custos.sample.model.dk;

import static dev.custos.core.gdpr.DataCategory.COMMUNICATION;
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

/**
 * A consulting or supervision customer: kept one year after the last purchase. The invoices are accounting records
 * ({@code Invoice}) and stay under the bookkeeping rule when this is erased.
 */
@Entity(name = "DanishConsultingCustomer")
public class ConsultingCustomer {

    @Id
    @GeneratedValue
    public Long id;

    @Version
    public long version;

    @DataSubject(category = "consulting customer")
    @Column(length = 64)
    public String customerId;

    @RetentionAnchor(event = "last-purchase")
    public LocalDate lastPurchase;

    @PersonalData(category = IDENTITY, basis = CONTRACT, retention = "policy:consulting-customer",
            purpose = "consulting", providedBySubject = true)
    @Column(length = 200)
    public String name;

    @PersonalData(category = COMMUNICATION, basis = CONTRACT, retention = "policy:consulting-customer",
            purpose = "consulting")
    @Column(length = 4000)
    public String supervisionNotes;

    protected ConsultingCustomer() {
    }

    public ConsultingCustomer(String customerId, LocalDate lastPurchase, String name, String supervisionNotes) {
        this.customerId = customerId;
        this.lastPurchase = lastPurchase;
        this.name = name;
        this.supervisionNotes = supervisionNotes;
    }
}
