// SPDX-License-Identifier: Apache-2.0
package dev.custos.sample.model;

import static dev.custos.core.gdpr.DataCategory.TRANSACTION;
import static dev.custos.core.gdpr.LegalBasis.LEGAL_OBLIGATION;

import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.PersonalData;
import dev.custos.core.annotation.RetentionAnchor;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * An invoice: an accounting record, kept apart from the customer's other data because bookkeeping law keeps it
 * five years after the end of its financial year, when the customer relationship has long been erased.
 */
@Entity
public class Invoice {

    @Id
    @GeneratedValue
    public Long id;

    @Version
    public long version;

    @DataSubject(category = "customer")
    @Column(length = 64)
    public String customerId;

    @RetentionAnchor(event = "invoice-date")
    public LocalDate invoiceDate;

    @PersonalData(category = TRANSACTION, basis = LEGAL_OBLIGATION, retention = "policy:bookkeeping",
            purpose = "bookkeeping")
    @Column(length = 200)
    public String buyer;

    @PersonalData(category = TRANSACTION, basis = LEGAL_OBLIGATION, retention = "policy:bookkeeping",
            purpose = "bookkeeping")
    @Column(length = 200)
    public String description;

    public BigDecimal amount;

    protected Invoice() {
    }

    public Invoice(String customerId, LocalDate invoiceDate, String buyer, String description, BigDecimal amount) {
        this.customerId = customerId;
        this.invoiceDate = invoiceDate;
        this.buyer = buyer;
        this.description = description;
        this.amount = amount;
    }
}
