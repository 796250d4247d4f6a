// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.testmodel;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** An entity without personal-data annotations: Custos leaves it alone. */
@Entity
@Table(name = "Appointment") // the entity name as table name, for plain SQL in tests; see Inquiry
public class Appointment {

    @Id
    @GeneratedValue
    public Long id;

    public LocalDateTime startsAt;

    public String room;
}
