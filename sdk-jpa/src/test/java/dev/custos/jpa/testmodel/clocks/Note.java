// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.testmodel.clocks;

import static dev.custos.core.gdpr.DataCategory.HEALTH;
import static dev.custos.core.gdpr.LegalBasis.CONTRACT;
import static dev.custos.core.gdpr.SpecialCategoryCondition.HEALTH_OR_SOCIAL_CARE;

import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.DerivedClock;
import dev.custos.core.annotation.PersonalData;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/**
 * A journal note: every note of a client runs from the client's latest note, which no column of the note holds
 * (the rows of Note with the same data subject, writtenOn).
 */
@Entity
@Table(name = "ClockNote")
@DerivedClock(event = "last-note", entity = Note.class, attribute = "writtenOn")
public class Note {

    @Id
    public Long id;

    @DataSubject(category = "client")
    @Column(length = 64)
    public String clientId;

    public LocalDate writtenOn;

    @PersonalData(category = HEALTH, basis = CONTRACT, condition = HEALTH_OR_SOCIAL_CARE,
            retention = "P5Y after last-note", purpose = "care")
    public String text;

    protected Note() {
    }

    public Note(Long id, String clientId, LocalDate writtenOn, String text) {
        this.id = id;
        this.clientId = clientId;
        this.writtenOn = writtenOn;
        this.text = text;
    }
}
