// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.testmodel;

import static dev.custos.core.gdpr.DataCategory.CONTACT;
import static dev.custos.core.gdpr.DataCategory.IDENTITY;
import static dev.custos.core.gdpr.LegalBasis.CONSENT;
import static dev.custos.core.gdpr.LegalBasis.CONTRACT;

import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.DeniedAccess;
import dev.custos.core.annotation.PersonalData;
import dev.custos.core.annotation.RetentionAnchor;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

@Entity
@Table(name = "Client") // the entity name as table name, for plain SQL in tests; see Inquiry
public class Client {

    @Id
    @DataSubject(category = "client")
    @Column(length = 64)
    public String clientId;

    @RetentionAnchor(event = "last-session")
    public LocalDate lastSession;

    @PersonalData(category = IDENTITY, basis = CONTRACT, retention = "P1Y after last-session",
            purpose = {"treatment", "newsletter", "gp-disclosure"})
    public String name;

    @PersonalData(category = CONTACT, basis = CONSENT, retention = "policy:newsletter", purpose = "newsletter",
            providedBySubject = true, whenDenied = DeniedAccess.MASK)
    public String email;

    protected Client() {
    }

    public Client(String clientId, String name, String email, LocalDate lastSession) {
        this.clientId = clientId;
        this.name = name;
        this.email = email;
        this.lastSession = lastSession;
    }
}
