// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.testmodel;

import static dev.custos.core.gdpr.DataCategory.COMMUNICATION;
import static dev.custos.core.gdpr.LegalBasis.LEGITIMATE_INTERESTS;

import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.ErasureStrategy;
import dev.custos.core.annotation.PersonalData;
import dev.custos.core.annotation.RetentionAnchor;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** A contact inquiry, deleted as a whole 12 months after the last correspondence (pack rule contact-inquiry). */
@Entity
// Named, because tests read the table in plain SQL: EclipseLink upper-cases a default name (INQUIRY), and
// MariaDB's table names are case-sensitive on Linux.
@Table(name = "Inquiry")
public class Inquiry {

    @Id
    public Long id;

    @DataSubject(category = "prospect")
    @Column(length = 64)
    public String personId;

    @RetentionAnchor(event = "last-correspondence")
    public LocalDateTime lastCorrespondence;

    @PersonalData(category = COMMUNICATION, basis = LEGITIMATE_INTERESTS, retention = "policy:contact-inquiry",
            purpose = "inquiry", erasure = ErasureStrategy.DELETE_ROW)
    public String message;

    protected Inquiry() {
    }

    public Inquiry(Long id, String personId, LocalDateTime lastCorrespondence, String message) {
        this.id = id;
        this.personId = personId;
        this.lastCorrespondence = lastCorrespondence;
        this.message = message;
    }
}
