// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.custos.core.Message;
import dev.custos.core.SafeCause;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The persistence units the application declares, read from its {@code META-INF/persistence.xml} files before
 * any unit starts, so that the extension can check the annotated model against each unit's pack at
 * deployment. Only what Custos needs is read; the JPA provider stays the authority on everything else.
 */
public final class PersistenceXml {

    /**
     * One declared unit.
     *
     * @param file the {@code persistence.xml} that declares it, whose root holds the unit's unlisted classes
     */
    public record Unit(String name, Map<String, String> properties, List<String> classes, boolean excludeUnlisted,
                       Optional<String> jtaDataSource, Optional<String> nonJtaDataSource, Optional<URL> file) {

        public Optional<String> property(String key) {
            return Optional.ofNullable(properties.get(key)).map(String::trim).filter(v -> !v.isEmpty());
        }
    }

    private PersistenceXml() {
    }

    /**
     * The units of every {@code META-INF/persistence.xml} {@code loader} sees, in the order found; a file that
     * cannot be read adds a problem to {@code problems} (Custos must not guess which units to protect).
     */
    public static List<Unit> read(ClassLoader loader, List<Message> problems) {
        List<Unit> units = new ArrayList<>();
        Enumeration<URL> files;
        DocumentBuilder builder;
        try {
            files = loader.getResources("META-INF/persistence.xml");
            builder = builder();
        } catch (IOException | ParserConfigurationException e) {
            problems.add(CdiMessages.persistenceXmlUnreadable("META-INF/persistence.xml", SafeCause.of(e)));
            return units;
        }
        while (files.hasMoreElements()) {
            URL file = files.nextElement();
            try (InputStream in = file.openStream()) {
                NodeList found = builder.parse(in).getDocumentElement().getElementsByTagNameNS("*", "persistence-unit");
                for (int i = 0; i < found.getLength(); i++) {
                    units.add(unit((Element) found.item(i), file));
                }
            } catch (IOException | SAXException e) {
                problems.add(CdiMessages.persistenceXmlUnreadable(file.toString(), SafeCause.of(e)));
            }
        }
        return units;
    }

    private static Unit unit(Element element, URL file) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (Element property : children(element, "property")) {
            properties.put(property.getAttribute("name"), property.getAttribute("value"));
        }
        List<String> classes = children(element, "class").stream().map(e -> e.getTextContent().trim()).toList();
        boolean exclude = children(element, "exclude-unlisted-classes").stream()
                .anyMatch(e -> e.getTextContent().isBlank() || Boolean.parseBoolean(e.getTextContent().trim()));
        return new Unit(element.getAttribute("name"), properties, classes, exclude, text(element, "jta-data-source"),
                text(element, "non-jta-data-source"), Optional.of(file));
    }

    private static Optional<String> text(Element parent, String name) {
        return children(parent, name).stream().map(e -> e.getTextContent().trim()).filter(s -> !s.isEmpty()).findFirst();
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        NodeList all = parent.getElementsByTagNameNS("*", localName);
        for (int i = 0; i < all.getLength(); i++) {
            Node node = all.item(i);
            found.add((Element) node);
        }
        return found;
    }

    private static DocumentBuilder builder() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder();
    }
}
