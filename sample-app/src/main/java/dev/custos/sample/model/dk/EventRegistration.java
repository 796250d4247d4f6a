// SPDX-License-Identifier: Apache-2.0
package dev.custos.sample.model.dk;

import static dev.custos.core.gdpr.DataCategory.CONTACT;
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

/** A place at an event or webinar: kept three months after the event (the payment is an {@code Invoice}). */
@Entity(name = "DanishEventRegistration")
public class EventRegistration {

    @Id
    @GeneratedValue
    public Long id;

    @Version
    public long version;

    @DataSubject(category = "event participant")
    @Column(length = 64)
    public String participantId;

    @RetentionAnchor(event = "event-date")
    public LocalDate eventDate;

    @PersonalData(category = IDENTITY, basis = CONTRACT, retention = "policy:event-participation",
            purpose = "events", providedBySubject = true)
    @Column(length = 200)
    public String name;

    @PersonalData(category = CONTACT, basis = CONTRACT, retention = "policy:event-participation",
            purpose = "events", providedBySubject = true)
    @Column(length = 200)
    public String email;

    @Column(length = 200)
    public String event;

    protected EventRegistration() {
    }

    public EventRegistration(String participantId, LocalDate eventDate, String name, String email, String event) {
        this.participantId = participantId;
        this.eventDate = eventDate;
        this.name = name;
        this.email = email;
        this.event = event;
    }
}
