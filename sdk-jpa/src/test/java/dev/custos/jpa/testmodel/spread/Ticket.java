// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.testmodel.spread;

import static dev.custos.core.gdpr.DataCategory.COMMUNICATION;
import static dev.custos.core.gdpr.LegalBasis.LEGITIMATE_INTERESTS;

import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.ErasureStrategy;
import dev.custos.core.annotation.PersonalData;
import dev.custos.core.annotation.RetentionAnchor;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A support ticket deleted whole, whose notes point back to it through a join column the ticket owns (a
 * unidirectional one-to-many): a delete the provider must carry into the notes as only it knows how, so its
 * erasure goes through the provider's statement.
 */
@Entity
@Table(name = "Ticket")
public class Ticket {

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

    @OneToMany
    @JoinColumn(name = "ticket_id")
    public List<TicketNote> notes = new ArrayList<>();

    protected Ticket() {
    }

    public Ticket(Long id, String personId, LocalDateTime lastCorrespondence, String message) {
        this.id = id;
        this.personId = personId;
        this.lastCorrespondence = lastCorrespondence;
        this.message = message;
    }
}
