// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.testmodel.clocks;

import static dev.custos.core.gdpr.DataCategory.CONTACT;
import static dev.custos.core.gdpr.DataCategory.FINANCIAL;
import static dev.custos.core.gdpr.LegalBasis.CONTRACT;
import static dev.custos.core.gdpr.LegalBasis.LEGAL_OBLIGATION;

import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.DerivedClock;
import dev.custos.core.annotation.PersonalData;
import dev.custos.core.annotation.RetentionAnchor;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A pet owner with no date column of its own for the visits: its name runs from the last visit of any of its pets
 * (owner, pets, visits, date), its phone until the next yearly review after a year, its bank account from the end
 * of the fiscal year of the last visit (pack rule bookkeeping, on an entity with three clocks) and its address from
 * its registration (an attribute anchor beside the derived clocks).
 */
@Entity
@Table(name = "ClockOwner")
@DerivedClock(event = "last-visit", path = "pets.visits.date")
@DerivedClock(event = "first-visit", path = "pets.visits.date", aggregate = DerivedClock.Aggregate.EARLIEST)
public class Owner {

    @Id
    @DataSubject(category = "pet owner")
    @Column(length = 64)
    public String id;

    @RetentionAnchor(event = "registered-on")
    public LocalDate registeredOn;

    @PersonalData(category = CONTACT, basis = CONTRACT, retention = "P3Y after last-visit", purpose = "care")
    public String name;

    @PersonalData(category = CONTACT, basis = CONTRACT, retention = "P1Y after last-visit at next --01-31",
            purpose = "care")
    public String phone;

    @PersonalData(category = CONTACT, basis = CONTRACT, retention = "P10Y after first-visit", purpose = "care")
    public String firstPetName;

    @PersonalData(category = FINANCIAL, basis = LEGAL_OBLIGATION, retention = "policy:bookkeeping of last-visit",
            purpose = "billing")
    public String bankAccount;

    @PersonalData(category = CONTACT, basis = CONTRACT, retention = "P2Y after registered-on", purpose = "care")
    public String address;

    @OneToMany(mappedBy = "owner")
    public List<Pet> pets = new ArrayList<>();

    protected Owner() {
    }

    public Owner(String id, LocalDate registeredOn, String name) {
        this.id = id;
        this.registeredOn = registeredOn;
        this.name = name;
        this.phone = "phone of " + name;
        this.firstPetName = "pet of " + name;
        this.bankAccount = "account of " + name;
        this.address = "address of " + name;
    }
}
