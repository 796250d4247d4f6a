// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.metadata;

import dev.custos.core.Message;
import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.DerivedClock;
import dev.custos.core.internal.text.Spelling;
import dev.custos.core.retention.AnchorValues;
import dev.custos.core.retention.RetentionSpec;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and checks the {@link DerivedClock}s of one entity class, adding every problem to the caller's list.
 * Paths are followed through the Java types of fields and getters (a collection's element type for a to-many
 * relation), so a mistake is reported with the entity, the segment and the nearest valid name.
 */
final class DerivedClocks {

    private DerivedClocks() {
    }

    /**
     * The entity's derived clocks by event; a clock with a problem is left out (the problem is added).
     *
     * @param anchorEvents the events of the entity's {@code @RetentionAnchor}s, which a clock may not reuse
     */
    static Map<String, DerivedClockModel> read(Class<?> type, Set<String> anchorEvents, List<Message> problems) {
        Map<String, DerivedClockModel> clocks = new LinkedHashMap<>();
        for (DerivedClock clock : type.getAnnotationsByType(DerivedClock.class)) {
            String event = clock.event().strip();
            String location = type.getName() + " @DerivedClock(event = \"" + event + "\")";
            int before = problems.size();
            if (!RetentionSpec.isValidName(event)) {
                problems.add(ModelMessages.malformedEventName(location, event));
            } else if (anchorEvents.contains(event) || clocks.containsKey(event)) {
                problems.add(ModelMessages.clockEventTaken(type.getName(), event));
            }
            boolean byPath = !clock.path().isBlank();
            boolean byEntity = clock.entity() != void.class;
            if (byPath == byEntity || (byEntity == clock.attribute().isBlank())) {
                problems.add(ModelMessages.clockForm(location));
                continue;
            }
            Class<?> start = byEntity ? clock.entity() : type;
            List<String> path = List.of((byEntity ? clock.attribute() : clock.path()).strip().split("\\."));
            String subject = "";
            if (byEntity) {
                subject = AnnotatedMember.of(start).stream().filter(m -> m.annotation(DataSubject.class) != null)
                        .map(AnnotatedMember::name).findFirst().orElse("");
                if (subject.isEmpty()) {
                    problems.add(ModelMessages.clockEntityWithoutSubject(location, start.getName()));
                }
            }
            Optional<Class<?>> dateType = follow(start, path, location, problems);
            if (dateType.isPresent() && problems.size() == before) {
                clocks.put(event, new DerivedClockModel(event, byEntity ? Optional.of(start) : Optional.empty(), path,
                        dateType.get(), clock.aggregate(), subject));
            }
        }
        return clocks;
    }

    /** The Java type at the end of {@code path} from {@code start}, if every segment exists and it is a date. */
    private static Optional<Class<?>> follow(Class<?> start, List<String> path, String location,
                                             List<Message> problems) {
        Class<?> current = start;
        for (int i = 0; i < path.size(); i++) {
            String segment = path.get(i);
            Optional<AnnotatedMember> member = member(current, segment);
            if (member.isEmpty()) {
                List<String> names = AnnotatedMember.of(current).stream().map(AnnotatedMember::name).distinct().toList();
                problems.add(ModelMessages.clockUnknownSegment(location, String.join(".", path), segment, current.getName(),
                        Spelling.hint(segment, names)));
                return Optional.empty();
            }
            Class<?> type = elementType(member.get());
            boolean last = i == path.size() - 1;
            if (last) {
                if (!AnchorValues.supports(type)) {
                    problems.add(ModelMessages.clockNotADate(location, current.getName() + "." + segment,
                            type.getName(), AnchorValues.supportedTypes()));
                    return Optional.empty();
                }
                return Optional.of(type);
            }
            if (type.isPrimitive() || type.getName().startsWith("java.")) {
                problems.add(ModelMessages.clockNotARelation(location, current.getName() + "." + segment,
                        type.getName()));
                return Optional.empty();
            }
            current = type;
        }
        return Optional.empty();
    }

    private static Optional<AnnotatedMember> member(Class<?> type, String name) {
        return AnnotatedMember.of(type).stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** The member's type, or a collection's element type. */
    private static Class<?> elementType(AnnotatedMember member) {
        if (!Collection.class.isAssignableFrom(member.type())) {
            return member.type();
        }
        Type generic = member.element() instanceof Field f ? f.getGenericType()
                : ((Method) member.element()).getGenericReturnType();
        if (generic instanceof ParameterizedType p && p.getActualTypeArguments().length == 1
                && p.getActualTypeArguments()[0] instanceof Class<?> element) {
            return element;
        }
        return member.type();
    }
}
