// SPDX-License-Identifier: Apache-2.0
package dev.custos.example.workshop;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotEmpty;
import java.util.ArrayList;
import java.util.List;

/** A customer's bike. */
@Entity
@Table(name = "bike")
public class Bike {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "customer_id", nullable = false)
    private Customer customer;

    @NotEmpty
    @Column(name = "make", nullable = false, length = 60)
    private String make;

    @OneToMany(mappedBy = "bike", cascade = CascadeType.ALL)
    private List<Repair> repairs = new ArrayList<>();

    protected Bike() {
    }

    public Bike(Customer customer, String make) {
        this.customer = customer;
        this.make = make;
    }

    public Long getId() {
        return id;
    }

    public Customer getCustomer() {
        return customer;
    }

    public String getMake() {
        return make;
    }

    public List<Repair> getRepairs() {
        return repairs;
    }
}
