// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.custos.core.CustosDefinitionException;
import dev.custos.core.Message;
import java.time.MonthDay;
import java.time.Period;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A deployment sets the pack values its controller chooses ({@code custos.pack.override.<name>}): only those the
 * pack marks overridable, within the pack's limits; every mistake is reported at once.
 */
class PackOverridesTest {

    private static final PolicyPack DK = PolicyPacks.load("dk");
    private static final PolicyPack NO = PolicyPacks.load("no");

    @Test
    void thePacksMarkWhatAControllerChooses() {
        assertThat(DK.overridable()).containsOnlyKeys("fiscal-year-end", "job-applicant");
        assertThat(DK.overridable().get("job-applicant").max()).contains(Period.ofYears(3));
        assertThat(NO.overridable()).containsOnlyKeys("fiscal-year-end", "privacy-review-day");
        assertThat(PolicyPacks.load("gdpr").overridable()).containsOnlyKeys("fiscal-year-end");
    }

    @Test
    void valuesWithinTheLimitsReplaceThePacksOwn() {
        PolicyPack dk = DK.withOverrides(Map.of("fiscal-year-end", "06-30", "job-applicant", "P2Y"));
        PolicyPack no = NO.withOverrides(Map.of("privacy-review-day", "--09-15"));

        assertThat(dk.fiscalYearEnd()).isEqualTo(MonthDay.of(6, 30));
        assertThat(dk.rule("job-applicant").orElseThrow().retention().toString()).isEqualTo("P2Y after recruitment-end");
        assertThat(dk.rule("journal")).isEqualTo(DK.rule("journal"));
        assertThat(no.monthDay("privacy-review-day")).contains(MonthDay.of(9, 15));
        assertThat(no.fiscalYearEnd()).isEqualTo(NO.fiscalYearEnd());
        assertThat(DK.withOverrides(Map.of())).isSameAs(DK);
    }

    @Test
    void valuesThePackDoesNotOfferOrLimitAreRefusedTogether() {
        CustosDefinitionException e = catchThrowableOfType(() -> DK.withOverrides(Map.of(
                "job-applicant", "P4Y",
                "journal", "P1Y",
                "fiscal-yaer-end", "06-30",
                "fiscal-year-end", "30.06.")), CustosDefinitionException.class);

        assertThat(e.detail().code()).isEqualTo("CUSTOS-01297");
        assertThat(e.problems()).extracting(Message::code).containsExactlyInAnyOrder("CUSTOS-01296", "CUSTOS-01293",
                "CUSTOS-01294", "CUSTOS-01295");
        assertThat(text(e, "CUSTOS-01296")).contains("custos.pack.override.job-applicant", "P3Y");
        assertThat(text(e, "CUSTOS-01293")).contains("custos.pack.override.journal", "fiscal-year-end, job-applicant");
        assertThat(text(e, "CUSTOS-01294")).contains("did you mean \"fiscal-year-end\"");
        assertThat(catchThrowableOfType(() -> DK.withOverrides(Map.of("job-applicant", "six months")),
                CustosDefinitionException.class).problems()).extracting(Message::code).containsExactly("CUSTOS-01295");
    }

    @Test
    void aPackMayOnlyOfferValuesItHasWithLimitsThatHoldItsOwn() {
        String pack = """
                <policy-pack xmlns="urn:custos:policy-pack:1" id="x" jurisdiction="DK" zone="Europe/Copenhagen">
                  <name>X</name>
                  <source id="s" title="S"/>
                  <setting name="age" value="15"><cite source="s" verified="true"/></setting>
                  <rule id="r" basis="CONTRACT" retention="P6M"><title>R</title><cite source="s" verified="true"/></rule>
                  <overridable name="r" min="P1Y" max="P2Y"/>
                  <overridable name="age"/>
                  <overridable name="fiscal-year-end" max="P1Y"/>
                </policy-pack>
                """;
        CustosDefinitionException e = catchThrowableOfType(() -> PolicyPacks.read(new java.io.ByteArrayInputStream(pack.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "x.xml"),
                CustosDefinitionException.class);

        assertThat(e.problems()).extracting(Message::code).containsExactly("CUSTOS-01298", "CUSTOS-01298",
                "CUSTOS-01298");
        assertThat(e.problems().get(0).text()).contains("P6M");
    }

    private static String text(CustosDefinitionException e, String code) {
        return e.problems().stream().filter(p -> p.code().equals(code)).findFirst().orElseThrow().text();
    }
}
