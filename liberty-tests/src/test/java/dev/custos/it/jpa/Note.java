// SPDX-License-Identifier: Apache-2.0
package dev.custos.it.jpa;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** A plain entity without personal data. */
@Entity
@Table(name = "it_note")
public class Note {

    @Id
    @GeneratedValue
    public Long id;

    public String text;

    public LocalDate written;

    protected Note() {
    }

    public Note(String text, LocalDate written) {
        this.text = text;
        this.written = written;
    }
}
