// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.CustosException;
import dev.custos.core.Message;
import dev.custos.core.consent.ConsentEvidence.Form;
import dev.custos.core.policy.PolicyPack;
import dev.custos.core.policy.PolicyPacks;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the packs ask of a consent before it is recorded: written evidence, and GDPR Art. 8 for children. */
class ConsentConditionsTest {

    private static final PolicyPack DK = PolicyPacks.load("dk");
    private static final PolicyPack NO = PolicyPacks.load("no");
    private static final PolicyPack GDPR = PolicyPacks.load("gdpr");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 2);
    private static final ConsentEvidence FORM = ConsentEvidence.of(Form.ELECTRONIC, "signup-form-v3", DAY);

    private static Optional<String> refusal(PolicyPack pack, String purpose, ConsentEvidence evidence) {
        return ConsentConditions.refusal(pack, purpose, evidence).map(Message::code);
    }

    @Test
    void aChildBelowTheNationalAgeIsRefusedWithoutParentalAuthorisation() {
        Message refused = ConsentConditions.refusal(DK, "newsletter", FORM.withAgeAtLeast(14)).orElseThrow();
        assertThat(refused.code()).isEqualTo("CUSTOS-02033");
        assertThat(refused.text()).contains("14+", "age of 15", "GDPR Art. 8(1)",
                "Databeskyttelsesloven (Danish Data Protection Act) § 6, stk. 2-3");
        assertThat(refusal(DK, "newsletter", FORM.withAgeAtLeast(15))).isEmpty();
        assertThat(refusal(DK, "newsletter", FORM.withAgeAtLeast(14).withParentalAuthorisation("case-77"))).isEmpty();
    }

    @Test
    void eachPackJudgesByItsOwnAge() {
        assertThat(refusal(NO, "newsletter", FORM.withAgeAtLeast(13))).isEmpty();
        assertThat(refusal(NO, "newsletter", FORM.withAgeAtLeast(12))).contains("CUSTOS-02033");
        assertThat(refusal(GDPR, "newsletter", FORM.withAgeAtLeast(15))).contains("CUSTOS-02033");
        assertThat(refusal(GDPR, "newsletter", FORM.withAgeAtLeast(16))).isEmpty();
    }

    @Test
    void aConsentToAnInformationSocietyServiceWithoutAgeOrAuthorisationIsRefused() {
        assertThat(refusal(DK, "newsletter", ConsentEvidence.NONE)).contains("CUSTOS-02034");
        assertThat(refusal(DK, "newsletter", ConsentEvidence.NONE.withParentalAuthorisation("case-77"))).isEmpty();
    }

    @Test
    void aPurposeThatNeedsWrittenConsentRefusesOtherEvidence() {
        Message refused = ConsentConditions.refusal(DK, "gp-disclosure", FORM).orElseThrow();
        assertThat(refused.code()).isEqualTo("CUSTOS-02032");
        assertThat(refused.text()).contains("Sundhedsloven");
        assertThat(refusal(DK, "gp-disclosure", ConsentEvidence.NONE)).contains("CUSTOS-02032");
        assertThat(refusal(DK, "gp-disclosure", ConsentEvidence.written("scan 2026-114", DAY))).isEmpty();
    }

    @Test
    void aPurposeThePackSaysNothingAboutAsksForNothing() {
        assertThat(refusal(DK, "research", ConsentEvidence.NONE)).isEmpty();
        assertThat(refusal(NO, "gp-disclosure", ConsentEvidence.NONE)).isEmpty();
    }

    @Test
    void evidenceIsCheckedAsItIsBuilt() {
        assertThatThrownBy(() -> ConsentEvidence.written("a\nb", DAY)).isInstanceOf(CustosException.class)
                .hasMessageStartingWith("CUSTOS-02030");
        assertThatThrownBy(() -> ConsentEvidence.written("x".repeat(201), DAY))
                .hasMessageStartingWith("CUSTOS-02030");
        assertThatThrownBy(() -> FORM.withAgeAtLeast(-1)).hasMessageStartingWith("CUSTOS-02031");
        assertThatThrownBy(() -> FORM.withParentalAuthorisation(" ")).hasMessageStartingWith("CUSTOS-02030");
        assertThat(FORM.withAgeAtLeast(16).ageBand()).contains("16+");
        assertThat(ConsentEvidence.NONE.isEmpty()).isTrue();
        assertThat(FORM.isEmpty()).isFalse();
    }

    @Test
    void anEventCarriesItsEvidenceAndOldCallsCarryNone() {
        ConsentEvidence evidence = ConsentEvidence.written("scan 2026-114", DAY);
        assertThat(ConsentEvent.given("c1", "gp-disclosure", DAY.atStartOfDay().toInstant(java.time.ZoneOffset.UTC),
                "n1", evidence).evidence()).isEqualTo(evidence);
        assertThat(ConsentEvent.given("c1", "newsletter", DAY.atStartOfDay().toInstant(java.time.ZoneOffset.UTC),
                "n1").evidence()).isEqualTo(ConsentEvidence.NONE);
    }
}
