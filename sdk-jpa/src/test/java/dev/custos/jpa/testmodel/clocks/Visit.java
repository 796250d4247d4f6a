// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.testmodel.clocks;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** A pet's visit on a date. */
@Entity
@Table(name = "ClockVisit")
public class Visit {

    @Id
    public Long id;

    @ManyToOne
    public Pet pet;

    @Column(name = "visit_date")
    public LocalDate date;

    protected Visit() {
    }

    public Visit(Long id, Pet pet, LocalDate date) {
        this.id = id;
        this.pet = pet;
        this.date = date;
    }
}
