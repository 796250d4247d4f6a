// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.custos.core.CustosDefinitionException;
import dev.custos.core.Message;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A pack's {@code <purpose>}: read with its flags and citations, checked against the digital consent age. */
class PackPurposeTest {

    private static final String HEAD = """
            <policy-pack xmlns="urn:custos:policy-pack:1" id="test" jurisdiction="DK" zone="Europe/Copenhagen">
              <name>Test pack</name>
              <source id="law" title="Some law"/>
            """;

    private static final String RESEARCH = """
              <purpose id="research" requires-consent="true" written-consent="true">
                <title>Research on journal data</title>
                <cite source="law" ref="§ 2" verified="true"/>
                <note>Only with consent.</note>
              </purpose>
            """;

    private static final String SHOP = """
              <purpose id="shop" information-society-service="true">
                <title>Online shop</title>
                <cite source="law" ref="§ 3" verified="true"/>
              </purpose>
            """;

    private static String age(String value) {
        return "  <setting name=\"digital-consent-age\" value=\"" + value + "\">\n"
                + "    <cite source=\"law\" ref=\"§ 6\" verified=\"true\"/>\n  </setting>\n";
    }

    private static PolicyPack read(String body) {
        String xml = HEAD + body + "</policy-pack>\n";
        return PolicyPacks.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "test.xml");
    }

    private static CustosDefinitionException problems(String body) {
        CustosDefinitionException e = catchThrowableOfType(() -> read(body), CustosDefinitionException.class);
        assertThat(e).isNotNull();
        return e;
    }

    @Test
    void aPurposeIsReadWithItsFlagsAndCitations() {
        PolicyPack pack = read(age("14") + RESEARCH + SHOP);
        PackPurpose research = pack.purpose("research").orElseThrow();
        assertThat(research.consentRequired()).isTrue();
        assertThat(research.writtenConsent()).isTrue();
        assertThat(research.informationSocietyService()).isFalse();
        assertThat(research.citationLine()).isEqualTo("Some law § 2");
        assertThat(research.note()).isEqualTo("Only with consent.");
        assertThat(pack.consentRequiredFor("research")).isTrue();
        assertThat(pack.consentRequiredFor("shop")).isFalse();
        assertThat(pack.consentRequiredFor("treatment")).isFalse();
        assertThat(pack.purpose("shop").orElseThrow().informationSocietyService()).isTrue();
        assertThat(pack.digitalConsentAge()).contains(14);
    }

    @Test
    void anInformationSocietyServiceNeedsTheDigitalConsentAge() {
        assertThat(problems(SHOP).problems()).extracting(Message::code).containsExactly("CUSTOS-01281");
    }

    @Test
    void theDigitalConsentAgeIsAWholeNumberFrom13To16() {
        for (String bad : new String[] {"12", "17", "fifteen"}) {
            assertThat(problems(age(bad) + SHOP).problems()).extracting(Message::code)
                    .containsExactly("CUSTOS-01282");
        }
        assertThat(read(age("13") + SHOP).digitalConsentAge()).contains(13);
        assertThat(read(age("16") + SHOP).digitalConsentAge()).contains(16);
    }

    @Test
    void aPurposeNeedsATitleACitationAndKnownAttributesAndIsDefinedOnce() {
        CustosDefinitionException e = problems("""
                  <purpose id="p" needs-consent="true">
                  </purpose>
                """ + RESEARCH + RESEARCH);
        assertThat(e.problems()).extracting(Message::code)
                .contains("CUSTOS-01213"); // defined twice
        assertThat(e.problems().size()).isGreaterThanOrEqualTo(4); // unknown attribute, no title, no citation
    }

    @Test
    void anExtendingPackInheritsPurposesAndItsAge() {
        PolicyPack gdpr = PolicyPacks.load("gdpr");
        assertThat(gdpr.purpose("newsletter").orElseThrow().informationSocietyService()).isTrue();
        assertThat(gdpr.digitalConsentAge()).contains(16);
    }

    @Test
    void theShippedPacksCarryTheirConsentAgesAndTheDanishGpDisclosure() {
        assertThat(PolicyPacks.load("dk").digitalConsentAge()).contains(15);
        assertThat(PolicyPacks.load("no").digitalConsentAge()).contains(13);
        PackPurpose gp = PolicyPacks.load("dk").purpose("gp-disclosure").orElseThrow();
        assertThat(gp.consentRequired()).isTrue();
        assertThat(gp.writtenConsent()).isTrue();
        assertThat(gp.citationLine()).contains("Sundhedsloven (Danish Health Act) § 41, stk. 1;")
                .contains("Sundhedsloven (Danish Health Act) § 42, stk. 1").doesNotContain("(unverified)");
        for (String pack : new String[] {"gdpr", "dk", "no"}) {
            assertThat(PolicyPacks.load(pack).purpose("newsletter").orElseThrow().informationSocietyService())
                    .as(pack).isTrue();
        }
    }
}
