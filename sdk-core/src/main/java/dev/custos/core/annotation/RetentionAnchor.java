// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.annotation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Marks the date or time attribute from which a row's retention periods run, such as the date of the
 * last journal entry or the last purchase. Supported types: {@code LocalDate}, {@code LocalDateTime},
 * {@code OffsetDateTime}, {@code ZonedDateTime}, {@code Instant}, {@code java.util.Date} and its
 * {@code java.sql} subclasses. Date-only and local values are read in the policy pack's time zone.
 * <p>
 * A row whose anchor is null is kept: Custos cannot tell when its clock started, and never erases
 * on a guess. A clock no column of the row holds (the latest entry of a journal, an owner's last visit) is a
 * {@link DerivedClock} instead.
 */
@Documented
@Retention(RUNTIME)
@Target({FIELD, METHOD})
public @interface RetentionAnchor {

    /**
     * The event this attribute records, in kebab case, for example {@code "last-entry"}. Needed only
     * when an entity has several anchors, or to match a policy rule that runs from a named event.
     */
    String event() default "";
}
