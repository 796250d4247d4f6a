// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.testmodel;

import static dev.custos.core.gdpr.DataCategory.COMMUNICATION;
import static dev.custos.core.gdpr.LegalBasis.LEGITIMATE_INTERESTS;

import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.ErasureStrategy;
import dev.custos.core.annotation.PersonalData;
import dev.custos.core.annotation.RetentionAnchor;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A contact inquiry with its topics in a collection table, deleted as a whole 12 months after the last
 * correspondence: a row whose deletion must be carried into another table, which Custos clears first.
 */
@Entity
@Table(name = "Mailing")
public class Mailing {

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

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "Mailing_topic", joinColumns = @JoinColumn(name = "mailing_id"))
    @Column(name = "topic", length = 40)
    public List<String> topics = new ArrayList<>();

    protected Mailing() {
    }

    public Mailing(Long id, String personId, LocalDateTime lastCorrespondence, String message, List<String> topics) {
        this.id = id;
        this.personId = personId;
        this.lastCorrespondence = lastCorrespondence;
        this.message = message;
        this.topics = new ArrayList<>(topics);
    }
}
