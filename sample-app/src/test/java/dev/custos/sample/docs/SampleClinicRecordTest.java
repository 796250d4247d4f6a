// SPDX-License-Identifier: Apache-2.0
package dev.custos.sample.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.metadata.DataModel;
import dev.custos.core.metadata.ModelReader;
import dev.custos.core.policy.PolicyPacks;
import dev.custos.core.record.ProcessingRecordGenerator;
import dev.custos.sample.clinic.Clinic;
import jakarta.persistence.Entity;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * docs/sample-clinic-record-{dk,no}.md are each clinic's record of processing activities (GDPR Art. 30), generated
 * from the entity classes its persistence unit lists and its controller, as GET /api/{clinic}/audit/record serves
 * it. The test fails when a file is stale; {@code -Dcustos.docs.update=true} rewrites them, as in the docs module.
 */
class SampleClinicRecordTest {

    @ParameterizedTest
    @EnumSource(Clinic.class)
    void theCheckedInRecordIsTheOneTheAnnotationsGive(Clinic clinic) throws Exception {
        Element unit = persistenceUnit(clinic.unit());
        String pack = packOf(unit);
        assertThat(pack).as("the pack of unit %s", clinic.unit()).isEqualTo(clinic.path());
        DataModel model = ModelReader.read(entityClasses(unit), SampleClinicRecordTest::entityName,
                PolicyPacks.load(pack));
        String record = ProcessingRecordGenerator.generate(model, clinic.controller()).toMarkdown();
        assertFresh(Snippets.projectRoot().resolve("docs/sample-clinic-record-" + clinic.path() + ".md"), record);
    }

    /** The name JPA gives the entity, which the record and the metamodel-based model use. */
    private static String entityName(Class<?> type) {
        String name = type.getAnnotation(Entity.class).name();
        return name.isEmpty() ? type.getSimpleName() : name;
    }

    private static Element persistenceUnit(String name) throws Exception {
        Document xml;
        try (InputStream in = SampleClinicRecordTest.class.getResourceAsStream("/META-INF/persistence.xml")) {
            assertThat(in).as("META-INF/persistence.xml of sample-app").isNotNull();
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            xml = factory.newDocumentBuilder().parse(in);
        }
        NodeList units = xml.getElementsByTagNameNS("*", "persistence-unit");
        for (int i = 0; i < units.getLength(); i++) {
            Element unit = (Element) units.item(i);
            if (unit.getAttribute("name").equals(name)) {
                return unit;
            }
        }
        throw new AssertionError("persistence.xml has no unit " + name);
    }

    private static String packOf(Element unit) {
        NodeList properties = unit.getElementsByTagNameNS("*", "property");
        for (int i = 0; i < properties.getLength(); i++) {
            Element property = (Element) properties.item(i);
            if (property.getAttribute("name").equals("custos.pack")) {
                return property.getAttribute("value");
            }
        }
        throw new AssertionError("unit " + unit.getAttribute("name") + " has no custos.pack");
    }

    /** The unit's classes, in entity-name order as the metamodel-based discovery reads them. */
    private static List<Class<?>> entityClasses(Element unit) throws ClassNotFoundException {
        NodeList classes = unit.getElementsByTagNameNS("*", "class");
        List<Class<?>> types = new ArrayList<>();
        for (int i = 0; i < classes.getLength(); i++) {
            types.add(Class.forName(classes.item(i).getTextContent().strip()));
        }
        types.sort(Comparator.comparing(SampleClinicRecordTest::entityName));
        return types;
    }

    private static void assertFresh(Path file, String expected) throws Exception {
        if (Boolean.getBoolean("custos.docs.update")) {
            // regenerating in CI would make the freshness check pass without checking anything
            assertThat(System.getenv("CI")).as("-Dcustos.docs.update=true is for developers, not CI").isNull();
            Files.writeString(file, expected, StandardCharsets.UTF_8);
            return;
        }
        String regenerate = "mvn -B -ntp verify -pl sample-app -am -DskipITs -Dtest=SampleClinicRecordTest"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Dcustos.docs.update=true";
        assertThat(file).as("%s is missing; regenerate it with%n  %s", file, regenerate).exists();
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .as("%s is stale: the annotations, persistence.xml or Clinic's controller changed. Regenerate it"
                        + " with%n  %s%nand commit the result", file, regenerate).isEqualTo(expected);
    }
}
