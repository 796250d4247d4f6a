// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.annotation;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A retention clock of an entity that no column of its own holds: the latest (or earliest) date found in other
 * rows. The sweep, the preview, the adoption report and erasure requests read it set-based, one query per batch
 * of rows. Two forms, of which exactly one is used:
 * <ul>
 *   <li>{@link #path()}: an association path from this entity to a date attribute, whose every segment but the
 *   last is a to-one or to-many relation. {@code @DerivedClock(event = "last-visit", path = "pets.visits.date")}
 *   on {@code Owner} runs an owner's clock from the date of the last visit of any of its pets.</li>
 *   <li>{@link #entity()} with {@link #attribute()}: the rows of another entity (with a {@code @DataSubject})
 *   that belong to the same data subject as this row.
 *   {@code @DerivedClock(event = "last-entry", entity = JournalEntry.class, attribute = "writtenOn")} on
 *   {@code JournalEntry} runs every journal row of a client from the client's latest entry.</li>
 * </ul>
 * A rule names the clock by its event, like a {@code @RetentionAnchor} event: {@code retention = "P5Y after
 * last-entry"}, {@code "P5Y after fiscal-year-end of last-entry"} or {@code "policy:journal of last-entry"}. An
 * entity may have several derived clocks and anchors; their events must differ. A row whose clock has no value
 * (an owner without visits) is kept: Custos never erases on a guess, and the adoption report counts it as
 * having no clock value. The date attribute may be of any type a {@code @RetentionAnchor} may have.
 * <p>
 * Problems (an unknown path segment or attribute, a type that is no date, an event name used twice, both forms
 * or neither) are deployment errors, reported together.
 */
@Documented
@Retention(RUNTIME)
@Target(TYPE)
@Repeatable(DerivedClock.List.class)
public @interface DerivedClock {

    /** The event the clock stands for, in kebab case, for example {@code "last-visit"}. Required. */
    String event();

    /** An association path to the date attribute, such as {@code "pets.visits.date"}; "" with {@link #entity()}. */
    String path() default "";

    /** The entity whose rows of the same data subject hold the date; {@code void.class} with {@link #path()}. */
    Class<?> entity() default void.class;

    /** The date attribute of {@link #entity()}. */
    String attribute() default "";

    /** Which of the dates found the clock runs from; the latest by default. */
    Aggregate aggregate() default Aggregate.LATEST;

    /** Which date of several the clock takes. */
    enum Aggregate {
        /** The latest date (SQL {@code MAX}), for "since the last visit". */
        LATEST,
        /** The earliest date (SQL {@code MIN}), for "since the first entry". */
        EARLIEST
    }

    /** Holds several {@code @DerivedClock} annotations of one entity. */
    @Documented
    @Retention(RUNTIME)
    @Target(TYPE)
    @interface List {
        DerivedClock[] value();
    }
}
