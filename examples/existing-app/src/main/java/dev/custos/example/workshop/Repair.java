// SPDX-License-Identifier: Apache-2.0
package dev.custos.example.workshop;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;

/** A repair done on a bike. */
@Entity
@Table(name = "repair")
public class Repair {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "bike_id", nullable = false)
    private Bike bike;

    @NotNull
    @Column(name = "repair_date", nullable = false)
    private LocalDate date;

    @NotEmpty
    @Column(name = "work_done", nullable = false, length = 200)
    private String work;

    protected Repair() {
    }

    public Repair(Bike bike, LocalDate date, String work) {
        this.bike = bike;
        this.date = date;
        this.work = work;
    }

    public Long getId() {
        return id;
    }

    public LocalDate getDate() {
        return date;
    }

    public String getWork() {
        return work;
    }
}
