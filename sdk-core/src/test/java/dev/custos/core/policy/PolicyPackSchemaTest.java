// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URL;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xml.sax.SAXException;

/** Keeps policy-pack-1.xsd and the shipped packs in step, with the JDK's own validator. */
class PolicyPackSchemaTest {

    private static Schema schema;

    @BeforeAll
    static void loadSchema() throws SAXException, IOException {
        URL xsd = Objects.requireNonNull(
                PolicyPackSchemaTest.class.getClassLoader().getResource("META-INF/custos/policy-pack-1.xsd"));
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        try (InputStream in = xsd.openStream()) {
            schema = factory.newSchema(new StreamSource(in, xsd.toExternalForm()));
        }
    }

    static Stream<String> shippedAndTestPacks() {
        return Stream.concat(PolicyPacks.BUILT_IN.stream(), Stream.of("test"));
    }

    @ParameterizedTest
    @MethodSource("shippedAndTestPacks")
    void shippedAndTestPacksAreValid(String id) throws IOException {
        String xml = BuiltInPacksTest.resource(id);
        assertThatCode(() -> validate(xml)).doesNotThrowAnyException();
    }

    @Test
    void schemaRejectsElementsOutOfOrder() {
        String xml = """
                <policy-pack xmlns="urn:custos:policy-pack:1" id="t" jurisdiction="DK" zone="UTC">
                  <name>T</name>
                  <rule id="r" basis="CONTRACT" retention="P1Y"><title>T</title><cite source="s" verified="true"/></rule>
                  <source id="s" title="S"/>
                </policy-pack>""";
        assertThatThrownBy(() -> validate(xml)).isInstanceOf(SAXException.class);
    }

    @Test
    void schemaRejectsAnUnknownBasis() {
        String xml = """
                <policy-pack xmlns="urn:custos:policy-pack:1" id="t" jurisdiction="DK" zone="UTC">
                  <name>T</name>
                  <source id="s" title="S"/>
                  <rule id="r" basis="CONSENT_OR_CONTRACT" retention="P1Y"><title>T</title><cite source="s" verified="true"/></rule>
                </policy-pack>""";
        assertThatThrownBy(() -> validate(xml)).isInstanceOf(SAXException.class);
    }

    @Test
    void schemaRejectsACiteThatDoesNotSayWhetherItWasVerified() {
        String xml = """
                <policy-pack xmlns="urn:custos:policy-pack:1" id="t" jurisdiction="DK" zone="UTC">
                  <name>T</name>
                  <source id="s" title="S"/>
                  <rule id="r" basis="CONTRACT" retention="P1Y"><title>T</title><cite source="s"/></rule>
                </policy-pack>""";
        assertThatThrownBy(() -> validate(xml)).isInstanceOf(SAXException.class).hasMessageContaining("verified");
        assertThatCode(() -> validate(xml.replace("<cite source=\"s\"/>", "<cite source=\"s\" verified=\"true\"/>")))
                .doesNotThrowAnyException();
    }

    @Test
    void schemaTakesAnAuditIdentityOnlyWithAPeriodAndACitationAfterTheHoldReasons() throws Exception {
        String xml = """
                <policy-pack xmlns="urn:custos:policy-pack:1" id="t" jurisdiction="DK" zone="UTC">
                  <name>T</name>
                  <source id="s" title="S"/>
                  <hold-reason id="h"><title>H</title><cite source="s" verified="true"/></hold-reason>
                  <audit-identity kept-for="P2Y"><cite source="s" verified="true"/><note>N</note></audit-identity>
                </policy-pack>""";
        validate(xml);
        assertThatThrownBy(() -> validate(xml.replace(" kept-for=\"P2Y\"", ""))).isInstanceOf(SAXException.class)
                .hasMessageContaining("kept-for");
        assertThatThrownBy(() -> validate(xml.replace("<cite source=\"s\" verified=\"true\"/><note>", "<note>")))
                .isInstanceOf(SAXException.class);
    }

    @Test
    void schemaTakesExtendsAsAPackId() throws Exception {
        String xml = """
                <policy-pack xmlns="urn:custos:policy-pack:1" id="t" extends="gdpr" jurisdiction="SE" zone="UTC">
                  <name>T</name>
                </policy-pack>""";
        validate(xml);
        assertThatThrownBy(() -> validate(xml.replace("\"gdpr\"", "\"../gdpr\""))).isInstanceOf(SAXException.class);
    }

    /** The examples of docs/policy-reference.md's "Writing a pack", which PolicyReferenceTest also reads. */
    @Test
    void theReferencesExamplePacksAreValid() throws Exception {
        List<String> examples = PolicyReferenceTest.examplePacks();
        assertThat(examples).hasSize(2);
        for (String example : examples) {
            validate(example);
        }
    }

    private static void validate(String xml) throws SAXException, IOException {
        Validator validator = schema.newValidator();
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        validator.validate(new StreamSource(new StringReader(xml)));
    }
}
