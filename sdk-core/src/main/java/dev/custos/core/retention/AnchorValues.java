// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.retention;

import dev.custos.core.CustosException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the value of a {@code @RetentionAnchor} attribute into an instant. Local values are read in the
 * policy pack's zone. A date without a time stands for the last moment of that day: the event may have
 * happened at any time on it, and a retention period must never end before it has fully run. So a
 * five-year period from an entry dated 2020-03-15 keeps the record through 2025-03-15.
 */
public final class AnchorValues {

    private static final Set<Class<?>> SUPPORTED = Set.of(LocalDate.class, LocalDateTime.class,
            OffsetDateTime.class, ZonedDateTime.class, Instant.class, Date.class, java.sql.Date.class,
            java.sql.Timestamp.class);

    private AnchorValues() {
    }

    /** Whether an attribute of {@code type} can be a retention anchor. */
    public static boolean supports(Class<?> type) {
        return SUPPORTED.contains(type);
    }

    /** The supported types, for messages. */
    public static String supportedTypes() {
        return "LocalDate, LocalDateTime, OffsetDateTime, ZonedDateTime, Instant, java.util.Date, java.sql.Date,"
                + " java.sql.Timestamp";
    }

    /**
     * The instant {@code value} stands for, or empty if it is null.
     *
     * @throws CustosException if the value's type cannot be an anchor
     */
    public static Optional<Instant> toInstant(Object value, ZoneId zone) {
        if (value == null) {
            return Optional.empty();
        }
        Instant instant;
        if (value instanceof Instant i) {
            instant = i;
        } else if (value instanceof LocalDate d) {
            instant = endOfDay(d, zone);
        } else if (value instanceof LocalDateTime t) {
            instant = t.atZone(zone).toInstant();
        } else if (value instanceof OffsetDateTime t) {
            instant = t.toInstant();
        } else if (value instanceof ZonedDateTime t) {
            instant = t.toInstant();
        } else if (value instanceof java.sql.Date d) {
            // java.sql.Date.toInstant() throws: it has no time part
            instant = endOfDay(d.toLocalDate(), zone);
        } else if (value instanceof Date d) {
            instant = d.toInstant();
        } else {
            throw new CustosException(RetentionMessages.unsupportedAnchorType(value.getClass().getName(),
                    supportedTypes()));
        }
        return Optional.of(instant);
    }

    private static Instant endOfDay(LocalDate date, ZoneId zone) {
        return date.plusDays(1).atStartOfDay(zone).toInstant().minusNanos(1);
    }
}
