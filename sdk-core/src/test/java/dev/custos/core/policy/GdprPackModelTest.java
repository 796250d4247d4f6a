// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.policy;

import static dev.custos.core.gdpr.DataCategory.CONTACT;
import static dev.custos.core.gdpr.LegalBasis.CONSENT;
import static dev.custos.core.gdpr.LegalBasis.CONTRACT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.custos.core.CustosDefinitionException;
import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.PersonalData;
import dev.custos.core.annotation.RetentionAnchor;
import dev.custos.core.consent.ConsentStatus;
import dev.custos.core.example.JournalEntry;
import dev.custos.core.metadata.DataModel;
import dev.custos.core.metadata.ModelReader;
import dev.custos.core.metadata.PersonalDataAttribute;
import dev.custos.core.retention.ErasureDecision;
import dev.custos.core.retention.RecordState;
import dev.custos.core.retention.RetentionDecision.Status;
import dev.custos.core.retention.RetentionEngine;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A model outside the clinics' countries under the gdpr pack: consent rules from the pack, other periods inline. */
class GdprPackModelTest {

    private static final PolicyPack GDPR = PolicyPacks.load("gdpr");

    /** A gym's member: the newsletter address on consent, the phone number for the membership contract. */
    static class Member {
        @DataSubject(category = "member")
        String memberNumber;

        @RetentionAnchor(event = "membership-end")
        LocalDate membershipEnded;

        @PersonalData(category = CONTACT, basis = CONSENT, retention = "policy:newsletter", purpose = "newsletter")
        String newsletterAddress;

        @PersonalData(category = CONTACT, basis = CONTRACT, retention = "P1Y after membership-end")
        String phone;
    }

    @Test
    void aModelUsesTheGdprPacksConsentRuleAndItsOwnPeriodsForTheRest() {
        DataModel model = ModelReader.read(List.of(Member.class), GDPR);
        PersonalDataAttribute newsletter = attribute(model, "newsletterAddress");
        PersonalDataAttribute phone = attribute(model, "phone");
        assertThat(newsletter.rule()).isEqualTo(GDPR.rule("newsletter").orElseThrow());
        assertThat(phone.rule().dutyToKeep()).isFalse();

        Instant now = Instant.parse("2026-06-01T10:00:00Z");
        RetentionEngine engine = new RetentionEngine(GDPR, Clock.fixed(now, GDPR.zone()));
        RecordState consenting = RecordState.anchoredAt(Instant.parse("2025-01-31T23:00:00Z"))
                .withConsent(ConsentStatus.active());
        assertThat(engine.decide(newsletter.rule(), consenting).status()).isEqualTo(Status.RETAINED);
        RecordState withdrawn = consenting.withConsent(ConsentStatus.endedAt(now.minusSeconds(60)));
        assertThat(engine.decide(newsletter.rule(), withdrawn).status()).isEqualTo(Status.DUE);
        // no national duty keeps anything: an erasure request of consent data is carried out
        ErasureDecision answer = engine.assessErasureRequest(newsletter.rule(), newsletter.processing(), consenting);
        assertThat(answer.outcome()).isEqualTo(ErasureDecision.Outcome.ERASE);
        // the contract data is kept one year after the membership ended, by the entity's own period
        assertThat(engine.retainedThrough(phone.rule(), consenting)).contains(LocalDate.of(2026, 1, 31));
    }

    @Test
    void aHealthJournalNeedsANationalRuleThatTheGdprPackDoesNotHave() {
        CustosDefinitionException e = catchThrowableOfType(CustosDefinitionException.class,
                () -> ModelReader.read(List.of(JournalEntry.class), GDPR));
        assertThat(e).isNotNull();
        assertThat(e.hasProblem("CUSTOS-01201")).isTrue();
        assertThat(e.getMessage() + e.problems()).contains("policy pack \"gdpr\" does not have")
                .contains("[newsletter, explicit-consent]");
    }

    private static PersonalDataAttribute attribute(DataModel model, String name) {
        return model.entity(Member.class).orElseThrow().attribute(name).orElseThrow();
    }
}
