// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.metadata;

import dev.custos.core.annotation.DerivedClock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated {@link DerivedClock} of one entity. Immutable.
 *
 * @param event     the event the clock stands for
 * @param entity    the entity whose rows of the same subject hold the date; empty for a path
 * @param path      the attributes from the entity (or, with {@code entity}, from that entity) to the date: the
 *                  relations, then the date attribute
 * @param dateType  the Java type of the date attribute
 * @param aggregate which date the clock takes
 * @param subjectAttribute the {@code @DataSubject} attribute of {@code entity}; "" for a path
 */
public record DerivedClockModel(String event, Optional<Class<?>> entity, List<String> path, Class<?> dateType,
                                DerivedClock.Aggregate aggregate, String subjectAttribute) {

    /** How an attribute's {@link PersonalDataAttribute#anchor() anchor} names a derived clock: this, then the event. */
    public static final String ANCHOR_PREFIX = "clock:";

    public DerivedClockModel {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(entity, "entity");
        path = List.copyOf(path);
        Objects.requireNonNull(dateType, "dateType");
        Objects.requireNonNull(aggregate, "aggregate");
        Objects.requireNonNull(subjectAttribute, "subjectAttribute");
    }

    /** The anchor name of this clock, as attributes running from it hold it. */
    public String anchorName() {
        return ANCHOR_PREFIX + event;
    }

    /** The path as written, for messages. */
    public String describe() {
        return entity.map(e -> e.getSimpleName() + "." + String.join(".", path)
                + " of the same data subject").orElse(String.join(".", path)) + " (" + aggregate + ")";
    }
}
