// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.testmodel.clocks;

import static dev.custos.core.gdpr.DataCategory.CONTACT;
import static dev.custos.core.gdpr.LegalBasis.CONTRACT;

import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.DerivedClock;
import dev.custos.core.annotation.PersonalData;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.LocalDate;
import java.util.List;

/**
 * Clocks only JPA can find wrong: a path through a transient list, and an entity class the unit does not list
 * (sdk-core follows both through their Java types).
 */
@Entity
@Table(name = "ClockCarelessOwner")
@DerivedClock(event = "last-note", path = "notes.writtenOn")
@DerivedClock(event = "last-letter", entity = CarelessOwner.Letter.class, attribute = "sentOn")
public class CarelessOwner {

    /** Not an entity of any unit. */
    public static class Letter {
        @DataSubject
        public String ownerId;
        public LocalDate sentOn;
    }

    @Id
    @DataSubject
    @Column(length = 64)
    public String id;

    @Transient
    public List<Note> notes;

    @PersonalData(category = CONTACT, basis = CONTRACT, retention = "P3Y after last-note", purpose = "care")
    public String name;

    @PersonalData(category = CONTACT, basis = CONTRACT, retention = "P3Y after last-letter", purpose = "care")
    public String phone;
}
