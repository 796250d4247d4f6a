// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.custos.core.CustosDefinitionException;
import dev.custos.core.CustosException;
import dev.custos.core.Message;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Period;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad packs: each mistake is reported with its own message id and line, all of them at once. */
class PolicyPackReaderTest {

    private static final String HEAD = """
            <policy-pack xmlns="urn:custos:policy-pack:1" id="test" jurisdiction="DK" zone="Europe/Copenhagen">
              <name>Test pack</name>
              <source id="law" title="Some law"/>
            """;

    private static final String GOOD_RULE = """
              <rule id="r" basis="CONTRACT" retention="P1Y after last-purchase">
                <title>Customers</title>
                <cite source="law" ref="§ 1" verified="true"/>
              </rule>
            """;

    private static String pack(String body) {
        return HEAD + body + "</policy-pack>\n";
    }

    private static String rule(String attributes) {
        return "  <rule id=\"r\" " + attributes + ">\n    <title>T</title>\n    <cite source=\"law\" verified=\"true\"/>\n  </rule>\n";
    }

    private static PolicyPack read(String xml) {
        return PolicyPacks.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "test.xml");
    }

    private static CustosDefinitionException problems(String xml) {
        CustosDefinitionException e = catchThrowableOfType(() -> read(xml), CustosDefinitionException.class);
        assertThat(e).as("a definition exception for:\n" + xml).isNotNull();
        assertThat(e.messageId()).isEqualTo("CUSTOS-01224");
        return e;
    }

    private static void assertOnlyProblem(String xml, String messageId) {
        CustosDefinitionException e = problems(xml);
        assertThat(e.problems()).extracting(Message::code).containsExactly(messageId);
        assertThat(e.hasProblem(messageId)).isTrue();
        assertThat(e.problems().get(0).text()).matches("test\\.xml:\\d+: .*");
    }

    @Test
    void aGoodPackReads() {
        PolicyPack pack = read(pack(GOOD_RULE));
        assertThat(pack.id()).isEqualTo("test");
        assertThat(pack.rule("r").orElseThrow().retention().toString()).isEqualTo("P1Y after last-purchase");
        assertThat(pack.rule("r").orElseThrow().citationLine()).isEqualTo("Some law § 1");
    }

    @Test
    void malformedXml() {
        assertThatThrownBy(() -> read(pack("  <rule id=\"r\">\n")))
                .isInstanceOf(CustosException.class)
                .isNotInstanceOf(CustosDefinitionException.class)
                .satisfies(e -> assertThat(((CustosException) e).messageId()).isEqualTo("CUSTOS-01203"))
                .hasMessageContaining("test.xml:");
    }

    @Test
    void doctypeAndExternalEntitiesAreRefused() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE policy-pack [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <policy-pack xmlns="urn:custos:policy-pack:1" id="test" jurisdiction="DK" zone="UTC">
                  <name>&secret;</name>
                </policy-pack>
                """;
        CustosException e = catchThrowableOfType(() -> read(xxe), CustosException.class);
        assertThat(e.messageId()).isEqualTo("CUSTOS-01203");
        assertThat(e.getMessage()).containsIgnoringCase("doctype").doesNotContain("root:");
    }

    @Test
    void wrongRoot() {
        CustosException e = catchThrowableOfType(
                () -> read("<policy id=\"test\"><name>T</name></policy>"), CustosException.class);
        assertThat(e.messageId()).isEqualTo("CUSTOS-01205");
        assertThat(e.getMessage()).contains("<policy>");
    }

    @Test
    void anotherFormatVersionIsRefusedNotMisread() {
        for (String xml : new String[] {
                pack(GOOD_RULE).replace("urn:custos:policy-pack:1", "urn:custos:policy-pack:2"),
                pack(GOOD_RULE).replace(" xmlns=\"urn:custos:policy-pack:1\"", "")}) {
            assertThatThrownBy(() -> read(xml))
                    .isInstanceOf(CustosException.class)
                    .extracting(e -> ((CustosException) e).messageId()).isEqualTo("CUSTOS-01229");
        }
    }

    @Test
    void unknownAttributeIsReportedNotIgnored() {
        CustosDefinitionException e = problems(pack(rule("basis=\"CONTRACT\" retension=\"P1Y\"")));
        assertThat(e.hasProblem("CUSTOS-01207")).isTrue();
        assertThat(e.getMessage()).contains("has no attribute retension (did you mean \"retention\"?)");
        // and the real attribute is then missing
        assertThat(e.hasProblem("CUSTOS-01206")).isTrue();
    }

    @Test
    void unknownElement() {
        assertOnlyProblem(pack(GOOD_RULE + "  <retention-rule id=\"x\"/>\n"), "CUSTOS-01208");
    }

    @Test
    void unknownBasis() {
        assertOnlyProblem(pack(rule("basis=\"CONSENT_OR_CONTRACT\" retention=\"P1Y\"")), "CUSTOS-01211");
    }

    @Test
    void unknownCondition() {
        assertOnlyProblem(pack(rule("basis=\"CONTRACT\" condition=\"HEALTH\" retention=\"P1Y\"")), "CUSTOS-01211");
    }

    @Test
    void badZone() {
        assertOnlyProblem(HEAD.replace("Europe/Copenhagen", "Europe/Aarhus") + GOOD_RULE + "</policy-pack>",
                "CUSTOS-01209");
    }

    @Test
    void badFiscalYearEnd() {
        assertOnlyProblem(HEAD.replace("zone=", "fiscal-year-end=\"31-12\" zone=") + GOOD_RULE + "</policy-pack>",
                "CUSTOS-01210");
    }

    @Test
    void badJurisdiction() {
        assertOnlyProblem(HEAD.replace("\"DK\"", "\"Denmark\"") + GOOD_RULE + "</policy-pack>", "CUSTOS-01227");
    }

    @Test
    void badBoolean() {
        assertOnlyProblem(pack(rule("basis=\"CONTRACT\" retention=\"P1Y\" duty-to-keep=\"yes\"")), "CUSTOS-01212");
    }

    @Test
    void duplicateRuleId() {
        CustosDefinitionException e = problems(pack(GOOD_RULE + GOOD_RULE));
        assertThat(e.problems()).extracting(Message::code).containsExactly("CUSTOS-01213");
        assertThat(e.problems().get(0).text()).startsWith("test.xml:8:").contains("rule \"r\" is defined twice");
    }

    @Test
    void ruleIdMustBeKebabCase() {
        assertOnlyProblem(pack(GOOD_RULE.replace("id=\"r\"", "id=\"Journal_Notes\"")), "CUSTOS-01222");
    }

    @Test
    void citeOfUndeclaredSource() {
        CustosDefinitionException e = problems(pack(GOOD_RULE.replace("source=\"law\"", "source=\"gdpr\"")));
        assertThat(e.problems()).extracting(Message::code).containsExactly("CUSTOS-01214");
        assertThat(e.getMessage()).contains("source=\"gdpr\"").contains("declared are [law]");
    }

    @Test
    void ruleWithoutCite() {
        assertOnlyProblem(pack("""
                  <rule id="r" basis="CONTRACT" retention="P1Y">
                    <title>T</title>
                  </rule>
                """), "CUSTOS-01215");
    }

    @Test
    void ruleWithoutTitle() {
        assertOnlyProblem(pack("""
                  <rule id="r" basis="CONTRACT" retention="P1Y">
                    <cite source="law" verified="true"/>
                  </rule>
                """), "CUSTOS-01225");
    }

    @Test
    void dutyWithoutExemption() {
        assertOnlyProblem(pack(rule("basis=\"LEGAL_OBLIGATION\" retention=\"P5Y\" duty-to-keep=\"true\"")),
                "CUSTOS-01218");
    }

    @Test
    void anInvalidExemptionIsReportedOnceNotAlsoAsMissing() {
        assertOnlyProblem(pack(rule("basis=\"LEGAL_OBLIGATION\" retention=\"P5Y\" duty-to-keep=\"true\""
                + " exemption=\"LEGAL\"")), "CUSTOS-01211");
    }

    @Test
    void exemptionWithoutDuty() {
        assertOnlyProblem(pack(rule("basis=\"LEGAL_OBLIGATION\" retention=\"P5Y\" exemption=\"LEGAL_OBLIGATION\"")),
                "CUSTOS-01219");
    }

    @Test
    void untilConsentWithdrawnCannotBeADuty() {
        assertOnlyProblem(pack(rule("basis=\"CONSENT\" retention=\"until-consent-withdrawn\" duty-to-keep=\"true\""
                + " exemption=\"LEGAL_OBLIGATION\"")), "CUSTOS-01220");
    }

    @Test
    void policyReferenceInsideAPack() {
        assertOnlyProblem(pack(rule("basis=\"CONTRACT\" retention=\"policy:x\"")), "CUSTOS-01217");
    }

    @ParameterizedTest
    @CsvSource({
            "5 years,                CUSTOS-01102",
            "P5 years,               CUSTOS-01102",
            "P5Y from last-entry,    CUSTOS-01105",
            "five,                   CUSTOS-01102",
            "PT24H,                  CUSTOS-01103",
            "P-1Y,                   CUSTOS-01104",
            "P1Y after Last_Entry,   CUSTOS-01106",
    })
    void malformedRetentionKeepsTheRetentionMessageId(String retention, String messageId) {
        CustosDefinitionException e = problems(pack(rule("basis=\"CONTRACT\" retention=\"" + retention + "\"")));
        assertThat(e.problems()).extracting(Message::code).containsExactly(messageId);
        assertThat(e.problems().get(0).text()).startsWith("test.xml:4: rule \"r\"");
    }

    @Test
    void unverifiedCiteWithoutNote() {
        assertOnlyProblem(pack(GOOD_RULE.replace("verified=\"true\"", "verified=\"false\"")), "CUSTOS-01226");
        // a note makes it acceptable, and the citation says it is unverified
        PolicyPack pack = read(pack(GOOD_RULE.replace("verified=\"true\"",
                "verified=\"false\" note=\"section number taken from a secondary source\"")));
        assertThat(pack.rule("r").orElseThrow().citationLine()).isEqualTo("Some law § 1 (unverified)");
    }

    @Test
    void citeWithoutVerifiedIsAProblemNotAssumedChecked() {
        CustosDefinitionException e = problems(pack(GOOD_RULE.replace(" verified=\"true\"", "")));
        assertThat(e.problems()).extracting(Message::code).containsExactly("CUSTOS-01230");
        assertThat(e.problems().get(0).text()).startsWith("test.xml:6:").contains("<cite source=\"law\">")
                .contains("verified=\"true\"");
        // also where the cite has a note, and in every place a cite may stand
        assertOnlyProblem(pack(GOOD_RULE.replace(" verified=\"true\"", " note=\"checked\"")), "CUSTOS-01230");
        assertOnlyProblem(pack("  <requests><cite source=\"law\"/></requests>\n" + GOOD_RULE), "CUSTOS-01230");
        assertOnlyProblem(pack("  <setting name=\"s\" value=\"1\"><cite source=\"law\"/></setting>\n" + GOOD_RULE),
                "CUSTOS-01230");
        assertOnlyProblem(pack(GOOD_RULE + "  <hold-reason id=\"h\"><title>H</title><cite source=\"law\"/>"
                + "</hold-reason>\n"), "CUSTOS-01230");
    }

    @Test
    void anInvalidVerifiedIsReportedOnceNotAlsoAsWithoutNote() {
        assertOnlyProblem(pack(GOOD_RULE.replace("verified=\"true\"", "verified=\"yes\"")), "CUSTOS-01212");
    }

    @ParameterizedTest
    @CsvSource({
            "title, <title>Again</title>",
            "seed,  <seed>One</seed><seed>Two</seed>",
            "note,  <note>One</note><note>Two</note>",
    })
    void aRuleElementThatMayAppearOnceAppearsTwice(String element, String extra) {
        String xml = pack(GOOD_RULE.replace("  </rule>", "    " + extra + "\n  </rule>"));
        CustosDefinitionException e = problems(xml);
        assertThat(e.problems()).extracting(Message::code).containsExactly("CUSTOS-01233");
        assertThat(e.problems().get(0).text()).startsWith("test.xml:7:")
                .contains("<rule> has a second <" + element + ">");
    }

    @Test
    void aPackElementThatMayAppearOnceAppearsTwice() {
        CustosDefinitionException name = problems(HEAD.replace("  <source", "  <name>Again</name>\n  <source")
                + GOOD_RULE + "</policy-pack>");
        assertThat(name.problems()).extracting(Message::code).containsExactly("CUSTOS-01233");
        assertThat(name.problems().get(0).text()).startsWith("test.xml:3:")
                .contains("<policy-pack> has a second <name> (the first is on line 2)");
        assertOnlyProblem(pack("  <description>One</description>\n  <description>Two</description>\n"
                .replace("One</description>\n  <description>Two", "One</description><description>Two")
                + GOOD_RULE), "CUSTOS-01233");
        String requests = "  <requests><cite source=\"law\" verified=\"true\"/></requests>\n";
        assertOnlyProblem(pack(requests + requests + GOOD_RULE), "CUSTOS-01233");
        assertOnlyProblem(pack(GOOD_RULE + "  <hold-reason id=\"h\"><title>H</title><title>I</title>"
                + "<cite source=\"law\" verified=\"true\"/></hold-reason>\n"), "CUSTOS-01233");
        assertOnlyProblem(pack("  <setting name=\"s\" value=\"1\"><cite source=\"law\" verified=\"true\"/>"
                + "<note>A</note><note>B</note></setting>\n" + GOOD_RULE), "CUSTOS-01233");
    }

    @Test
    void badPromisedWithin() {
        assertOnlyProblem(pack("  <requests promised-within=\"30 days\">"
                + "<cite source=\"law\" verified=\"true\"/></requests>\n" + GOOD_RULE), "CUSTOS-01221");
        assertOnlyProblem(pack("  <requests promised-within=\"P0D\">"
                + "<cite source=\"law\" verified=\"true\"/></requests>\n" + GOOD_RULE), "CUSTOS-01221");
    }

    private static final String AUDIT_IDENTITY = """
              <audit-identity kept-for="%s">
                <cite source="law" ref="§ 9" verified="true"/>
                <note>Kept for the supervisory authority.</note>
              </audit-identity>
            """;

    @Test
    void anAuditIdentityRuleIsReadWithItsPeriodCitationsAndNote() {
        PolicyPack pack = read(pack(GOOD_RULE + AUDIT_IDENTITY.formatted("P2Y6M")));
        AuditIdentity rule = pack.auditIdentity().orElseThrow();
        assertThat(rule.keptFor()).isEqualTo(Period.of(2, 6, 0));
        assertThat(rule.citationLine()).isEqualTo("Some law § 9");
        assertThat(rule.note()).isEqualTo("Kept for the supervisory authority.");
        // without the element the key goes at erasure
        assertThat(read(pack(GOOD_RULE)).auditIdentity()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"P0D", "2 years", "PT48H", "-P1Y", "P-1Y", "P201Y", ""})
    void anAuditIdentityPeriodThatIsNotPositiveIsANumberedProblem(String keptFor) {
        CustosDefinitionException e = problems(pack(GOOD_RULE + AUDIT_IDENTITY.formatted(keptFor)));
        String expected = keptFor.isEmpty() ? "CUSTOS-01206" : "CUSTOS-01234";
        assertThat(e.problems()).extracting(Message::code).containsExactly(expected);
        assertThat(e.problems().get(0).text()).startsWith("test.xml:8:").contains("kept-for");
    }

    @Test
    void anAuditIdentityRuleNeedsACitationAndAppearsOnce() {
        assertOnlyProblem(pack(GOOD_RULE + "  <audit-identity kept-for=\"P1Y\"/>\n"), "CUSTOS-01215");
        String twice = pack(GOOD_RULE + AUDIT_IDENTITY.formatted("P1Y") + AUDIT_IDENTITY.formatted("P2Y"));
        assertThat(problems(twice).problems()).extracting(Message::code).containsExactly("CUSTOS-01233");
        assertThat(problems(pack(GOOD_RULE + AUDIT_IDENTITY.formatted("P1Y").replace("kept-for", "keep-for")))
                .problems()).extracting(Message::code).containsExactly("CUSTOS-01207", "CUSTOS-01206");
    }

    @Test
    void unknownPack() {
        CustosException e = catchThrowableOfType(() -> PolicyPacks.load("xx"), CustosException.class);
        assertThat(e.messageId()).isEqualTo("CUSTOS-01202");
        assertThat(e.getMessage()).contains("\"xx\"").contains("[gdpr, dk, no]");
    }

    @Test
    void threeMistakesAreReportedAtOnceWithTheirLines() {
        String xml = """
                <policy-pack xmlns="urn:custos:policy-pack:1" id="test" jurisdiction="DK" zone="Mars/Olympus">
                  <name>Test pack</name>
                  <source id="law" title="Some law"/>
                  <rule id="journal" basis="LEGAL_OBLIGATON" retention="P5Y after last-entry">
                    <title>Journal</title>
                    <cite source="law" verified="true"/>
                  </rule>
                  <rule id="newsletter" basis="CONSENT" retention="until-consent-withdrawn">
                    <title>Newsletter</title>
                    <cite source="gdpr" verified="true"/>
                  </rule>
                </policy-pack>
                """;
        CustosDefinitionException e = problems(xml);
        assertThat(e.problems()).extracting(Message::code)
                .containsExactly("CUSTOS-01209", "CUSTOS-01211", "CUSTOS-01214");
        assertThat(e.problems()).extracting(Message::text).satisfiesExactly(
                zone -> assertThat(zone).startsWith("test.xml:1:").contains("Mars/Olympus"),
                basis -> assertThat(basis).startsWith("test.xml:4:").contains("LEGAL_OBLIGATON"),
                cite -> assertThat(cite).startsWith("test.xml:10:").contains("gdpr"));
        assertThat(e.getMessage()).contains("3 problem(s)")
                .contains("test.xml:1:").contains("test.xml:4:").contains("test.xml:10:");
    }

    @org.junit.jupiter.api.Test
    void aRuleSaysWhoMayReadItsData() {
        String limited = GOOD_RULE.replace("retention=\"P1Y after last-purchase\"",
                "retention=\"P1Y after last-purchase\" access=\"assigned-caller\"");
        assertThat(read(pack(limited)).rule("r").orElseThrow().access()).isEqualTo(RuleAccess.ASSIGNED_CALLER);
        assertThat(read(pack(GOOD_RULE)).rule("r").orElseThrow().access()).isEqualTo(RuleAccess.ANY);
        assertOnlyProblem(pack(GOOD_RULE.replace("retention=\"P1Y after last-purchase\"",
                "retention=\"P1Y after last-purchase\" access=\"treating-clinician\"")), "CUSTOS-01250");
    }
}
