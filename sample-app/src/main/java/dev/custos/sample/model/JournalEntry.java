// SPDX-License-Identifier: Apache-2.0
package dev.custos.sample.model;

import static dev.custos.core.gdpr.DataCategory.HEALTH;
import static dev.custos.core.gdpr.LegalBasis.LEGAL_OBLIGATION;
import static dev.custos.core.gdpr.SpecialCategoryCondition.HEALTH_OR_SOCIAL_CARE;

import dev.custos.core.annotation.AssignedCaller;
import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.DerivedClock;
import dev.custos.core.annotation.PersonalData;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.LocalDate;

/**
 * One entry of a client's journal: a session note, a questionnaire, an e-mail filed into the journal, or what a
 * partner (municipality, GP) sent. The journal rule's clock runs from the journal's last entry: the latest
 * {@link #writtenOn} of the client's entries, which Custos reads itself ({@code @DerivedClock}), so a new entry
 * moves the clock on for all of them without rewriting any.
 */
// snippet:entity
@Entity
@DerivedClock(event = "last-entry", entity = JournalEntry.class, attribute = "writtenOn")
public class JournalEntry {

    public enum Kind { SESSION_NOTE, QUESTIONNAIRE, EMAIL, PARTNER_INFORMATION }

    @Id
    @GeneratedValue
    public Long id;

    @Version
    public long version;

    @DataSubject(category = "client")
    @Column(length = 64)
    public String clientId;

    /** Under the Norwegian pack only this clinician reads or changes the entry (helsepersonelloven § 21a). */
    @AssignedCaller
    @Column(length = 64)
    public String clinician;

    public LocalDate writtenOn;

    @Enumerated(EnumType.STRING)
    @Column(length = 32)
    public Kind kind;

    @PersonalData(category = HEALTH, basis = LEGAL_OBLIGATION, condition = HEALTH_OR_SOCIAL_CARE,
            retention = "policy:journal", purpose = {"treatment", "gp-disclosure"})
    @Column(length = 4000)
    public String text;
// end-snippet

    protected JournalEntry() {
    }

    public JournalEntry(String clientId, String clinician, Kind kind, LocalDate writtenOn, String text) {
        this.clientId = clientId;
        this.clinician = clinician;
        this.kind = kind;
        this.writtenOn = writtenOn;
        this.text = text;
    }
}
