// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.testmodel.clocks;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/** An owner's pet; no personal data of its own. */
@Entity
@Table(name = "ClockPet")
public class Pet {

    @Id
    public Long id;

    @ManyToOne
    public Owner owner;

    @OneToMany(mappedBy = "pet")
    public List<Visit> visits = new ArrayList<>();

    protected Pet() {
    }

    public Pet(Long id, Owner owner) {
        this.id = id;
        this.owner = owner;
    }
}
