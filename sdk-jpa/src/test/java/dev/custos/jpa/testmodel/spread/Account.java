// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.testmodel.spread;

import static dev.custos.core.gdpr.DataCategory.CONTACT;
import static dev.custos.core.gdpr.LegalBasis.CONSENT;

import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.PersonalData;
import dev.custos.core.annotation.RetentionAnchor;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDate;

/**
 * The root of a joined hierarchy: a row of {@link PremiumAccount} spans this table, its own, a secondary table
 * and a collection table, and an erasure must reach each of them; the postal address is embedded.
 */
@Entity
@Table(name = "Account")
@Inheritance(strategy = InheritanceType.JOINED)
public class Account {

    @Id
    @DataSubject(category = "client")
    @Column(length = 64)
    public String holderId;

    @RetentionAnchor(event = "last-session")
    public LocalDate lastSession;

    @PersonalData(category = CONTACT, basis = CONSENT, retention = "policy:newsletter", purpose = "newsletter",
            providedBySubject = true)
    public String email;

    @PersonalData(category = CONTACT, basis = CONSENT, retention = "policy:newsletter", purpose = "newsletter",
            providedBySubject = true)
    @Embedded
    public Postal postal;

    @Version
    public long version;

    protected Account() {
    }

    public Account(String holderId, String email, Postal postal, LocalDate lastSession) {
        this.holderId = holderId;
        this.email = email;
        this.postal = postal;
        this.lastSession = lastSession;
    }
}
