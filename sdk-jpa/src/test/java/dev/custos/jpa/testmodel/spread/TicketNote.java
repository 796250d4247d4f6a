// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.testmodel.spread;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A staff note on a {@link Ticket}; not personal data. */
@Entity
@Table(name = "TicketNote")
public class TicketNote {

    @Id
    public Long id;

    public String text;

    protected TicketNote() {
    }

    public TicketNote(Long id, String text) {
        this.id = id;
        this.text = text;
    }
}
