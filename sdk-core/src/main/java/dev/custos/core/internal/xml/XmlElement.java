// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.internal.xml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A read-only XML element that remembers the line it started on, so that data-file errors can point
 * at the line to fix. Built by {@link XmlReader}; elements keep their namespace URI and local name.
 */
public final class XmlElement {

    private final String namespace;
    private final String name;
    private final int line;
    private final Map<String, String> attributes;
    private final List<XmlElement> children = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();

    XmlElement(String namespace, String name, int line, Map<String, String> attributes) {
        this.namespace = namespace;
        this.name = name;
        this.line = line;
        this.attributes = new LinkedHashMap<>(attributes);
    }

    /** The namespace URI, or empty. */
    public String namespace() {
        return namespace;
    }

    public String name() {
        return name;
    }

    /** The line the start tag was read on, from 1. */
    public int line() {
        return line;
    }

    public Optional<String> attribute(String attributeName) {
        return Optional.ofNullable(attributes.get(attributeName));
    }

    public Map<String, String> attributes() {
        return Collections.unmodifiableMap(attributes);
    }

    public List<XmlElement> children() {
        return Collections.unmodifiableList(children);
    }

    public List<XmlElement> children(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).toList();
    }

    public Optional<XmlElement> child(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).findFirst();
    }

    /** The element's own text, with runs of white space folded to one space and trimmed. */
    public String text() {
        return text.toString().strip().replaceAll("\\s+", " ");
    }

    /** The text of the first child called {@code childName}, or empty. */
    public String childText(String childName) {
        return child(childName).map(XmlElement::text).orElse("");
    }

    void add(XmlElement child) {
        children.add(child);
    }

    void appendText(char[] chars, int start, int length) {
        text.append(chars, start, length);
    }
}
