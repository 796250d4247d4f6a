// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.retention;

import dev.custos.core.annotation.ErasureStrategy;
import dev.custos.core.gdpr.Processing;
import dev.custos.core.metadata.PersonalDataAttribute;
import dev.custos.core.policy.PolicyRule;
import dev.custos.core.retention.RetentionSpec;
import dev.custos.jpa.EntityMapping;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The attributes of one entity that share a retention rule, an anchor and an erasure strategy: the unit a
 * sweep selects, decides and erases together. Builds the JPQL. Immutable.
 *
 * @param mapping    the entity
 * @param rule       the rule
 * @param anchor     the anchor attribute, or empty for consent-bound rules
 * @param anchorType the anchor attribute's Java type, or null without an anchor
 * @param strategy   the erasure strategy
 * @param attributes the personal attributes swept
 * @param copies     the derived copies erased with them, with their Java types
 */
record SweepGroup(EntityMapping mapping, PolicyRule rule, String anchor, Class<?> anchorType,
                  ErasureStrategy strategy, List<PersonalDataAttribute> attributes, Map<String, Class<?>> copies) {

    /** The attributes as the erasure log and audit name them: sorted, with the copies; {@code *} for a row. */
    List<String> erasedNames() {
        if (strategy == ErasureStrategy.DELETE_ROW) {
            return List.of("*");
        }
        TreeSet<String> names = new TreeSet<>(copies.keySet());
        attributes.forEach(a -> names.add(a.name()));
        return List.copyOf(names);
    }

    /** The personal attributes and copies, for the audit's field list. */
    List<String> fieldNames() {
        TreeSet<String> names = new TreeSet<>(copies.keySet());
        attributes.forEach(a -> names.add(a.name()));
        if (strategy == ErasureStrategy.DELETE_ROW) {
            mapping.model().attributes().forEach(a -> names.add(a.name()));
        }
        return List.copyOf(names);
    }

    boolean consentBased() {
        return rule.retention().kind() == RetentionSpec.Kind.UNTIL_CONSENT_WITHDRAWN
                || new Processing(rule.basis(), rule.condition(), false, false).consentBased();
    }

    List<String> purposes() {
        return attributes.stream().flatMap(a -> a.purposes().stream()).distinct().toList();
    }

    /**
     * Whether candidates can be narrowed by the anchor in SQL: only for periods that consent cannot cut short
     * (a withdrawn consent makes consent-based data due whatever its anchor).
     */
    boolean anchorPrefilter() {
        return !anchor.isEmpty() && rule.retention().kind() == RetentionSpec.Kind.PERIOD && !consentBased();
    }

    /** Attributes whose value the sweep must read, to pseudonymise it. */
    List<String> valuesRead() {
        return strategy == ErasureStrategy.PSEUDONYMIZE ? attributes.stream().map(PersonalDataAttribute::name).toList()
                : List.of();
    }

    /**
     * The candidate query. Columns: id, subject, then the anchor if any, then {@link #valuesRead()}.
     * Parameters: {@code last} after the first batch, {@code cutoff} with {@code prefilter}.
     */
    String selectJpql(boolean afterFirst, boolean prefilter) {
        String id = "e." + mapping.idAttribute();
        StringBuilder jpql = new StringBuilder("SELECT ").append(id).append(", e.").append(mapping.subjectPath());
        if (!anchor.isEmpty()) {
            jpql.append(", e.").append(anchor);
        }
        valuesRead().forEach(name -> jpql.append(", e.").append(name));
        jpql.append(" FROM ").append(mapping.entityName()).append(" e");
        List<String> conditions = new ArrayList<>();
        if (afterFirst) {
            conditions.add(id + " > :last");
        }
        if (prefilter && anchorPrefilter()) {
            conditions.add("e." + anchor + " <= :cutoff");
        }
        if (strategy != ErasureStrategy.DELETE_ROW) {
            // rows whose values are all gone have nothing left to erase (and NULLIFY leaves exactly that)
            conditions.add("(" + String.join(" OR ", attributes.stream().map(a -> "e." + a.name() + " IS NOT NULL")
                    .toList()) + ")");
        }
        if (!conditions.isEmpty()) {
            jpql.append(" WHERE ").append(String.join(" AND ", conditions));
        }
        return jpql.append(" ORDER BY ").append(id).toString();
    }

    /**
     * The bulk statement erasing the rows {@code :ids}. For ANONYMIZE the values are parameters {@code a0},
     * {@code a1}, ... (see {@link #anonymousValues()}); PSEUDONYMIZE is written row by row with
     * {@link #pseudonymizeJpql()}, which leaves the copies to this statement.
     */
    String eraseJpql() {
        String where = " WHERE e." + mapping.idAttribute() + " IN :ids";
        if (strategy == ErasureStrategy.DELETE_ROW) {
            return "DELETE FROM " + mapping.entityName() + " e" + where;
        }
        List<String> sets = new ArrayList<>();
        int index = 0;
        if (strategy == ErasureStrategy.NULLIFY) {
            attributes.forEach(a -> sets.add("e." + a.name() + " = NULL"));
        } else if (strategy == ErasureStrategy.ANONYMIZE) {
            for (PersonalDataAttribute a : attributes) {
                sets.add("e." + a.name() + " = :a" + index++);
            }
        }
        for (String copy : copies.keySet()) {
            // a copy of anonymised data gets an anonymous value too, so NOT NULL columns stay valid
            sets.add("e." + copy + (strategy == ErasureStrategy.NULLIFY ? " = NULL" : " = :a" + index++));
        }
        if (sets.isEmpty()) {
            return null;
        }
        return "UPDATE " + mapping.entityName() + " e SET " + String.join(", ", sets) + where;
    }

    /** The values bound to {@code a0}, {@code a1}, ... of {@link #eraseJpql()}. */
    List<Object> anonymousValues() {
        List<Object> values = new ArrayList<>();
        if (strategy == ErasureStrategy.ANONYMIZE) {
            attributes.forEach(a -> values.add(anonymous(a.type())));
        }
        if (strategy != ErasureStrategy.NULLIFY) {
            copies.values().forEach(type -> values.add(anonymous(type)));
        }
        return values;
    }

    /** Sets the pseudonymised attributes of one row: parameters {@code p0}, {@code p1}, ... and {@code id}. */
    String pseudonymizeJpql() {
        List<String> sets = new ArrayList<>();
        for (int i = 0; i < attributes.size(); i++) {
            sets.add("e." + attributes.get(i).name() + " = :p" + i);
        }
        return "UPDATE " + mapping.entityName() + " e SET " + String.join(", ", sets) + " WHERE e."
                + mapping.idAttribute() + " = :id";
    }

    /**
     * The anchor cutoff: every row whose retention has ended at {@code now} has {@code anchor <= cutoff}.
     * <p>
     * With {@code D} today's date in the pack's zone and {@code P} the period, the exact date boundary is the
     * latest anchor date {@code A} with {@code A + P <= D} (found by stepping from {@code D - P}, because month
     * ends clamp: 31 January plus one month is 28 February). One day is added to that for the time of day, the
     * end-of-day reading of date anchors and daylight-saving shifts, and time-typed anchors are compared with
     * the end of that day. So no due row is ever left out, and at most two days' worth of rows that are not due
     * yet are read and then kept by the engine. For periods from the end of the fiscal year the same cutoff is
     * used; it is looser (the fiscal year adds up to a year), never tighter.
     */
    Object cutoff(Instant now, ZoneId zone) {
        Period period = rule.retention().period().orElseThrow();
        LocalDate today = now.atZone(zone).toLocalDate();
        LocalDate last = today.minus(period);
        while (!last.plusDays(1).plus(period).isAfter(today)) {
            last = last.plusDays(1);
        }
        LocalDate cutoffDate = last.plusDays(1);
        if (anchorType == LocalDate.class) {
            return cutoffDate;
        }
        if (anchorType == java.sql.Date.class) {
            return java.sql.Date.valueOf(cutoffDate);
        }
        Instant end = cutoffDate.plusDays(1).atStartOfDay(zone).toInstant();
        if (anchorType == LocalDateTime.class) {
            return LocalDateTime.ofInstant(end, zone);
        }
        if (anchorType == OffsetDateTime.class) {
            return end.atZone(zone).toOffsetDateTime();
        }
        if (anchorType == ZonedDateTime.class) {
            return end.atZone(zone);
        }
        if (anchorType == java.sql.Timestamp.class) {
            return java.sql.Timestamp.from(end);
        }
        if (anchorType == Date.class) {
            return Date.from(end);
        }
        return end;
    }

    /**
     * The anonymous value ANONYMIZE writes: "anonymised" for text, zero for numbers, false, the character
     * '-', 1970-01-01 (midnight UTC for times), the nil UUID and an empty byte array. The same value in every
     * row, so a unique column cannot take it for more than one row.
     */
    static Object anonymous(Class<?> type) {
        Map<Class<?>, Object> values = Map.ofEntries(Map.entry(String.class, "anonymised"),
                Map.entry(Boolean.class, false), Map.entry(boolean.class, false),
                Map.entry(Byte.class, (byte) 0), Map.entry(byte.class, (byte) 0),
                Map.entry(Short.class, (short) 0), Map.entry(short.class, (short) 0),
                Map.entry(Integer.class, 0), Map.entry(int.class, 0), Map.entry(Long.class, 0L),
                Map.entry(long.class, 0L), Map.entry(Float.class, 0f), Map.entry(float.class, 0f),
                Map.entry(Double.class, 0d), Map.entry(double.class, 0d), Map.entry(Character.class, '-'),
                Map.entry(char.class, '-'), Map.entry(BigDecimal.class, BigDecimal.ZERO),
                Map.entry(BigInteger.class, BigInteger.ZERO), Map.entry(LocalDate.class, LocalDate.EPOCH),
                Map.entry(LocalDateTime.class, LocalDateTime.of(1970, 1, 1, 0, 0)),
                Map.entry(OffsetDateTime.class, OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)),
                Map.entry(ZonedDateTime.class, ZonedDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)),
                Map.entry(Instant.class, Instant.EPOCH), Map.entry(java.sql.Date.class, java.sql.Date.valueOf(
                        LocalDate.EPOCH)), Map.entry(java.sql.Timestamp.class, new java.sql.Timestamp(0)),
                Map.entry(Date.class, new Date(0)), Map.entry(UUID.class, new UUID(0, 0)),
                Map.entry(byte[].class, new byte[0]));
        return Optional.ofNullable(values.get(type)).orElse(null);
    }
}
