// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.metadata;

import dev.custos.core.Message;
import dev.custos.core.annotation.RetentionAnchor;
import dev.custos.core.internal.text.Spelling;
import dev.custos.core.policy.PolicyRule;
import dev.custos.core.retention.AnchorValues;
import dev.custos.core.retention.RetentionSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Reads an entity's {@code @RetentionAnchor} attributes by the event each marks, and finds the one a rule's clock
 * runs from; problems go to the model reader's list. Not thread-safe.
 */
final class AnchorReader {

    private final List<Message> problems;

    AnchorReader(List<Message> problems) {
        this.problems = problems;
    }

    /** The anchor attribute the rule's clock runs from; "" for consent-bound rules. */
    String anchorFor(PolicyRule rule, Map<String, String> anchors, String location, String spec) {
        RetentionSpec retention = rule.retention();
        if (retention.kind() != RetentionSpec.Kind.PERIOD) {
            return "";
        }
        if (anchors.isEmpty()) {
            problems.add(ModelMessages.noAnchor(location, spec));
            return "";
        }
        Optional<String> event = retention.event();
        if (event.isPresent()) {
            // an unnamed anchor does not stand in for a named event: a clock that starts at the wrong event
            // (creation instead of the last entry) would erase early
            String attribute = anchors.get(event.get());
            if (attribute == null) {
                problems.add(ModelMessages.unknownEvent(location, spec, event.get(), String.join(", ",
                        new TreeSet<>(anchors.keySet().stream().map(e -> e.isEmpty() ? "(unnamed)" : e).toList())),
                        Spelling.nearest(event.get(), anchors.keySet()).orElse("")));
                return "";
            }
            return attribute;
        }
        if (anchors.size() > 1) {
            problems.add(ModelMessages.ambiguousAnchor(location, spec, String.join(", ", new TreeSet<>(anchors.keySet()))));
            return "";
        }
        return anchors.values().iterator().next();
    }

    Map<String, String> anchors(Class<?> type, List<AnnotatedMember> members) {
        Map<String, List<String>> byEvent = new LinkedHashMap<>();
        for (AnnotatedMember member : members) {
            RetentionAnchor anchor = member.annotation(RetentionAnchor.class);
            if (anchor == null) {
                continue;
            }
            String event = anchor.event().strip();
            if (!event.isEmpty() && !RetentionSpec.isValidName(event)) {
                problems.add(ModelMessages.malformedEventName(ModelReader.location(type, member), event));
            }
            if (!AnchorValues.supports(member.type())) {
                problems.add(ModelMessages.unsupportedAnchorType(ModelReader.location(type, member), member.type().getName(),
                        AnchorValues.supportedTypes()));
            }
            byEvent.computeIfAbsent(event, e -> new ArrayList<>()).add(member.name());
        }
        Map<String, String> anchors = new LinkedHashMap<>();
        byEvent.forEach((event, attributes) -> {
            if (attributes.size() > 1) {
                problems.add(ModelMessages.duplicateAnchorEvent(type.getName(), event, String.join(", ", attributes)));
            }
            anchors.put(event, attributes.get(0));
        });
        return anchors;
    }
}
