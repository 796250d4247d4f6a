// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.policy;

import dev.custos.core.Message;
import dev.custos.core.internal.xml.XmlElement;
import dev.custos.core.retention.RetentionSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One pack file being read: its name, the problems found so far (each with its line, all reported together), the
 * sources its citations may name, and the checks every element of it shares. Not thread-safe.
 */
final class PackElements {

    private static final Set<String> CITE_ATTRIBUTES = Set.of("source", "ref", "verified", "note");

    private final String file;
    private final List<Message> problems = new ArrayList<>();
    private final Map<String, String> sources = new LinkedHashMap<>();

    PackElements(String file) {
        this.file = file;
    }

    /** The problems found so far, in order. */
    List<Message> problems() {
        return problems;
    }

    void add(Message problem) {
        problems.add(problem);
    }

    /** The sources citations may name, by id: the pack's own and its base's. */
    Map<String, String> sources() {
        return sources;
    }

    List<Citation> citations(XmlElement owner, String kind, String ownerId) {
        List<XmlElement> cites = owner.children("cite");
        if (cites.isEmpty()) {
            problems.add(PolicyMessages.noCitation(file, line(owner), kind, ownerId));
        }
        List<Citation> citations = new ArrayList<>();
        for (XmlElement cite : cites) {
            checkShape(cite, CITE_ATTRIBUTES, Set.of());
            String sourceId = required(cite, "source");
            String title = sources.get(sourceId);
            if (title == null && !sourceId.isEmpty()) {
                problems.add(PolicyMessages.unknownSource(file, line(cite), sourceId, String.join(", ", sources.keySet())));
                continue;
            }
            String note = cite.attribute("note").orElse("").strip();
            // a citation must say whether it was checked; without the attribute it counts as unchecked
            boolean verified = false;
            if (cite.attribute("verified").isEmpty()) {
                problems.add(PolicyMessages.missingVerified(file, line(cite), sourceId));
            } else {
                int reported = problems.size();
                verified = bool(cite, "verified", false);
                // an invalid value has been reported (CUSTOS-01212); do not also ask for a note
                if (!verified && note.isEmpty() && problems.size() == reported) {
                    problems.add(PolicyMessages.unverifiedWithoutNote(file, line(cite), sourceId));
                }
            }
            if (title != null) {
                citations.add(new Citation(title, cite.attribute("ref").orElse("").strip(), verified, note));
            }
        }
        return citations;
    }

    void checkShape(XmlElement element, Set<String> attributes, Set<String> children) {
        for (String attribute : element.attributes().keySet()) {
            if (!attributes.contains(attribute)) {
                problems.add(PolicyMessages.unknownAttribute(file, line(element), element.name(), attribute,
                        sorted(attributes)));
            }
        }
        for (XmlElement child : element.children()) {
            if (!children.contains(child.name())) {
                problems.add(PolicyMessages.unknownElement(file, line(child), element.name(), child.name(),
                        sorted(children)));
            }
        }
    }

    void checkOnce(XmlElement element, String... names) {
        for (String name : names) {
            List<XmlElement> found = element.children(name);
            for (XmlElement repeated : found.subList(Math.min(1, found.size()), found.size())) {
                problems.add(PolicyMessages.repeatedElement(file, line(repeated), element.name(), name,
                        line(found.get(0))));
            }
        }
    }

    String required(XmlElement element, String attribute) {
        Optional<String> value = element.attribute(attribute).map(String::strip);
        if (value.isEmpty() || value.get().isEmpty()) {
            problems.add(PolicyMessages.missingAttribute(file, line(element), element.name(), attribute));
            return "";
        }
        return value.get();
    }

    String requireId(XmlElement element, String kind) {
        String attribute = kind.equals("setting") ? "name" : "id";
        String id = required(element, attribute);
        if (!id.isEmpty() && !RetentionSpec.isValidName(id)) {
            problems.add(PolicyMessages.invalidId(file, line(element), kind, id));
        }
        return id;
    }

    String requiredText(XmlElement element, String child) {
        String text = element.childText(child);
        if (text.isEmpty()) {
            problems.add(PolicyMessages.missingText(file, line(element), element.name(), child));
        }
        return text;
    }

    boolean bool(XmlElement element, String attribute, boolean defaultValue) {
        String value = element.attribute(attribute).orElse(String.valueOf(defaultValue)).strip();
        if (!value.equals("true") && !value.equals("false")) {
            problems.add(PolicyMessages.invalidBoolean(file, line(element), attribute, value));
            return defaultValue;
        }
        return Boolean.parseBoolean(value);
    }

    <E extends Enum<E>> E enumValue(XmlElement element, String attribute, Class<E> type, E defaultValue) {
        Optional<String> value = element.attribute(attribute).map(String::strip);
        if (value.isEmpty()) {
            if (defaultValue == null && !attribute.equals("exemption")) {
                problems.add(PolicyMessages.missingAttribute(file, line(element), element.name(), attribute));
            }
            return defaultValue;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value.get())) {
                return constant;
            }
        }
        problems.add(PolicyMessages.invalidValue(file, line(element), attribute, value.get(),
                String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList())));
        return defaultValue;
    }

    static String line(XmlElement element) {
        return String.valueOf(element.line());
    }

    static String sorted(Set<String> names) {
        return String.join(", ", names.stream().sorted().toList());
    }
}
