// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.testmodel;

import static dev.custos.core.gdpr.DataCategory.HEALTH;
import static dev.custos.core.gdpr.LegalBasis.LEGAL_OBLIGATION;
import static dev.custos.core.gdpr.SpecialCategoryCondition.HEALTH_OR_SOCIAL_CARE;

import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.PersonalData;
import dev.custos.core.annotation.RetentionAnchor;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDate;

/** Whose data a journal entry is comes from its relation to the client. */
@Entity
@Table(name = "JournalEntry") // the entity name as table name, for plain SQL in tests; see Inquiry
public class JournalEntry {

    @Id
    @GeneratedValue
    public Long id;

    /** Bumped by Custos' bulk erasures too, so a stale copy cannot write erased values back. */
    @Version
    public long version;

    @DataSubject(category = "client")
    @ManyToOne(optional = false)
    public Client client;

    @RetentionAnchor(event = "last-entry")
    public LocalDate lastEntry;

    @PersonalData(category = HEALTH, basis = LEGAL_OBLIGATION, condition = HEALTH_OR_SOCIAL_CARE,
            retention = "policy:journal", purpose = {"treatment", "gp-disclosure"})
    public String note;

    protected JournalEntry() {
    }

    public JournalEntry(Client client, LocalDate lastEntry, String note) {
        this.client = client;
        this.lastEntry = lastEntry;
        this.note = note;
    }
}
