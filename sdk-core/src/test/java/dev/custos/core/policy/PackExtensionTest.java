// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.custos.core.CustosDefinitionException;
import dev.custos.core.CustosException;
import dev.custos.core.Message;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.MonthDay;
import java.time.Period;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A controller's own pack that extends another: what it inherits, what it replaces, and the mistakes. */
class PackExtensionTest {

    private static final PolicyPack GDPR = PolicyPacks.load("gdpr");

    @TempDir
    Path classPath;

    private static PolicyPack read(String xml) {
        return PolicyPacks.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "own.xml");
    }

    private static String own(String attributes, String body) {
        return "<policy-pack xmlns=\"urn:custos:policy-pack:1\" id=\"own\" " + attributes
                + " jurisdiction=\"DE\" zone=\"Europe/Berlin\">\n  <name>Own</name>\n" + body + "</policy-pack>\n";
    }

    @Test
    void aPackThatOnlyExtendsGdprHasItsRulesSettingsHoldsAndRequests() {
        PolicyPack own = read(own("extends=\"gdpr\"", ""));
        assertThat(own.id()).isEqualTo("own");
        assertThat(own.jurisdiction()).isEqualTo("DE");
        assertThat(own.zone().getId()).isEqualTo("Europe/Berlin");
        assertThat(own.rules()).isEqualTo(GDPR.rules());
        assertThat(own.settings()).isEqualTo(GDPR.settings());
        assertThat(own.holdReasons()).isEqualTo(GDPR.holdReasons());
        assertThat(own.requests()).isEqualTo(GDPR.requests());
        assertThat(own.auditIdentity()).isEqualTo(GDPR.auditIdentity());
        assertThat(own.fiscalYearEnd()).isEqualTo(GDPR.fiscalYearEnd());
    }

    @Test
    void itsOwnEntriesReplaceTheBasesInPlaceAndNewOnesFollow() {
        PolicyPack own = read(own("extends=\"gdpr\" fiscal-year-end=\"06-30\"", """
                  <source id="hgb" title="Handelsgesetzbuch"/>
                  <requests promised-within="P14D">
                    <cite source="gdpr" ref="Art. 12(3)" verified="true"/>
                  </requests>
                  <setting name="digital-consent-age" value="16">
                    <cite source="gdpr" ref="Art. 8(1)" verified="true"/>
                    <note>Germany kept the Regulation's age.</note>
                  </setting>
                  <rule id="newsletter" basis="CONSENT" retention="until-consent-withdrawn">
                    <title>Newsletter, own wording</title>
                    <cite source="gdpr" ref="Art. 6(1)(a)" verified="true"/>
                  </rule>
                  <rule id="bookkeeping" basis="LEGAL_OBLIGATION" retention="P10Y after fiscal-year-end"
                        duty-to-keep="true" exemption="LEGAL_OBLIGATION">
                    <title>Books</title>
                    <cite source="hgb" ref="§ 257" verified="false" note="not checked against the official text"/>
                  </rule>
                  <hold-reason id="tax-audit">
                    <title>A tax audit is open</title>
                    <cite source="hgb" verified="false" note="illustration"/>
                  </hold-reason>
                  <audit-identity kept-for="P1Y">
                    <cite source="gdpr" ref="Art. 5(2)" verified="false" note="illustration"/>
                  </audit-identity>
                """));
        assertThat(own.rules().keySet()).containsExactly("newsletter", "explicit-consent", "bookkeeping");
        assertThat(own.rule("newsletter").orElseThrow().title()).isEqualTo("Newsletter, own wording");
        assertThat(own.rule("explicit-consent")).isEqualTo(GDPR.rule("explicit-consent"));
        // a base source is cited by its id without being declared again
        assertThat(own.rule("newsletter").orElseThrow().citations()).extracting(Citation::source)
                .containsExactly("Regulation (EU) 2016/679 (GDPR)");
        assertThat(own.setting("digital-consent-age").orElseThrow().note()).startsWith("Germany");
        assertThat(own.holdReasons().keySet()).containsExactly("legal-claims", "tax-audit");
        assertThat(own.requests().promisedWithin()).contains(Period.ofDays(14));
        assertThat(own.auditIdentity().orElseThrow().keptFor()).isEqualTo(Period.ofYears(1));
        assertThat(own.fiscalYearEnd()).isEqualTo(MonthDay.of(6, 30));
        // the base itself is untouched
        assertThat(PolicyPacks.load("gdpr").rule("newsletter").orElseThrow().title())
                .isEqualTo(GDPR.rule("newsletter").orElseThrow().title()).isNotEqualTo("Newsletter, own wording");
    }

    @Test
    void withoutExtendsTheBasesSourcesAreUnknown() {
        CustosDefinitionException e = catchThrowableOfType(CustosDefinitionException.class, () -> read(own("", """
                  <rule id="r" basis="CONTRACT" retention="P1Y">
                    <title>T</title>
                    <cite source="gdpr" ref="Art. 6(1)(b)" verified="true"/>
                  </rule>
                """)));
        assertThat(e).isNotNull();
        assertThat(e.problems()).extracting(Message::code).containsExactly("CUSTOS-01214");
    }

    @Test
    void twoRulesWithOneIdInTheOwnFileAreStillAMistake() {
        String rule = """
                  <rule id="newsletter" basis="CONSENT" retention="until-consent-withdrawn">
                    <title>T</title>
                    <cite source="gdpr" ref="Art. 6(1)(a)" verified="true"/>
                  </rule>
                """;
        CustosDefinitionException e = catchThrowableOfType(CustosDefinitionException.class,
                () -> read(own("extends=\"gdpr\"", rule + rule)));
        assertThat(e).isNotNull();
        assertThat(e.problems()).extracting(Message::code).containsExactly("CUSTOS-01213");
    }

    @Test
    void anUnknownBaseIsReportedWithTheLineThatNamesIt() {
        CustosException e = catchThrowableOfType(CustosException.class, () -> read(own("extends=\"gdrp\"", "")));
        assertThat(e).isNotNull();
        assertThat(e.messageId()).isEqualTo("CUSTOS-01251");
        assertThat(e.getMessage()).contains("own.xml:1: pack \"own\" extends \"gdrp\"", "CUSTOS-01202",
                "There is no policy pack \"gdrp\"");
    }

    @Test
    void aBaseIdThatIsNoPackIdIsRefusedBeforeItBecomesAPath() {
        CustosException e = catchThrowableOfType(CustosException.class, () -> read(own("extends=\"../dk\"", "")));
        assertThat(e).isNotNull();
        assertThat(e.messageId()).isEqualTo("CUSTOS-01251");
        assertThat(e.getMessage()).contains("CUSTOS-01232");
    }

    @Test
    void aPackCannotExtendItself() {
        CustosException e = catchThrowableOfType(CustosException.class, () -> read(own("extends=\"own\"", "")));
        assertThat(e).isNotNull();
        assertThat(e.messageId()).isEqualTo("CUSTOS-01252");
        assertThat(e.getMessage()).contains("own.xml:1: pack \"own\"", "(own extends own)");
    }

    @Test
    void aChainOfPacksOnTheClassPathIsFollowedAndACycleInItRefused() throws IOException {
        write("national", "extends=\"gdpr\"", "  <setting name=\"digital-consent-age\" value=\"14\">\n"
                + "    <cite source=\"gdpr\" ref=\"Art. 8(1)\" verified=\"true\"/>\n  </setting>\n");
        write("controller", "extends=\"national\"", "");
        write("ping", "extends=\"pong\"", "");
        write("pong", "extends=\"ping\"", "");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classPath.toUri().toURL()},
                getClass().getClassLoader())) {
            PolicyPack controller = withContextLoader(loader, () -> PolicyPacks.load("controller"));
            assertThat(controller.setting("digital-consent-age").orElseThrow().value()).isEqualTo("14");
            assertThat(controller.rules()).isEqualTo(GDPR.rules());

            CustosException e = catchThrowableOfType(CustosException.class,
                    () -> withContextLoader(loader, () -> PolicyPacks.load("ping")));
            assertThat(e).isNotNull();
            assertThat(e.messageId()).isEqualTo("CUSTOS-01251");
            assertThat(e.getMessage()).contains("packs/ping.xml:1: pack \"ping\" extends \"pong\"",
                    "CUSTOS-01252", "(ping extends pong extends ping)");
        }
    }

    private void write(String id, String attributes, String body) throws IOException {
        Path file = classPath.resolve(PolicyPacks.RESOURCE_PREFIX + id + ".xml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, own(attributes, body).replace("id=\"own\"", "id=\"" + id + "\""));
    }

    private static <T> T withContextLoader(ClassLoader loader, Supplier<T> action) {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        try {
            return action.get();
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }
}
