// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.annotation.DeniedAccess;
import dev.custos.core.annotation.ErasureStrategy;
import dev.custos.core.consent.ConsentStatus;
import dev.custos.core.gdpr.DataCategory;
import dev.custos.core.gdpr.LegalBasis;
import dev.custos.core.gdpr.SpecialCategoryCondition;
import dev.custos.core.metadata.PersonalDataAttribute;
import dev.custos.core.policy.PolicyPack;
import dev.custos.core.policy.PolicyPacks;
import dev.custos.core.retention.ErasureDecision;
import dev.custos.core.retention.RecordState;
import dev.custos.core.retention.RetentionEngine;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which values a consent withdrawal reaches, without a database: only those whose last consent is gone. */
class WithdrawalQuestionTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final PolicyPack DK = PolicyPacks.load("dk");
    private static final WithdrawalQuestion NEWSLETTER = new WithdrawalQuestion(
            new RetentionEngine(DK, Clock.fixed(NOW, ZoneOffset.UTC)), Set.of("newsletter"));

    private static PersonalDataAttribute consented(String... purposes) {
        return new PersonalDataAttribute("email", String.class, DataCategory.CONTACT, LegalBasis.CONSENT,
                SpecialCategoryCondition.NONE, DK.rule("newsletter").orElseThrow(), "", List.of(purposes),
                ErasureStrategy.NULLIFY, true, false, DeniedAccess.MASK, List.of());
    }

    private static RecordState consent(ConsentStatus status) {
        return new RecordState(Optional.empty(), status, List.of());
    }

    @Test
    void aValueConsentedForTheWithdrawnPurposeOnlyIsErased() {
        ErasureDecision decision = NEWSLETTER.decide(consented("newsletter"), consent(ConsentStatus.endedAt(NOW)));
        assertThat(decision.outcome()).isEqualTo(ErasureDecision.Outcome.ERASE);
        assertThat(decision.citation()).isEqualTo("GDPR Art. 17(1)(b)");
    }

    @Test
    void aValueWhoseConsentForAnotherPurposeStillStandsIsKept() {
        ErasureDecision decision = NEWSLETTER.decide(consented("newsletter", "events"),
                consent(ConsentStatus.active()));
        assertThat(decision.outcome()).isEqualTo(ErasureDecision.Outcome.KEEP);
        assertThat(decision.detail().code()).isEqualTo("CUSTOS-04724");
        assertThat(decision.detail().text()).contains("[events]", "GDPR Art. 6(1)(a)");
    }

    @Test
    void aValueConsentedForAnotherPurposeOnlyIsNotReached() {
        ErasureDecision decision = NEWSLETTER.decide(consented("events"), consent(ConsentStatus.endedAt(NOW)));
        assertThat(decision.outcome()).isEqualTo(ErasureDecision.Outcome.KEEP);
        assertThat(decision.detail().code()).isEqualTo("CUSTOS-04723");
    }
}
