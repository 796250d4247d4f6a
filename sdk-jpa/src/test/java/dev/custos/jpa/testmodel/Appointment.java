// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.testmodel;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import java.time.LocalDateTime;

/** An entity without personal-data annotations: Custos leaves it alone. */
@Entity
public class Appointment {

    @Id
    @GeneratedValue
    public Long id;

    public LocalDateTime startsAt;

    public String room;
}
