// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.retention;

import dev.custos.core.annotation.ErasureStrategy;
import dev.custos.core.gdpr.Processing;
import dev.custos.core.metadata.DerivedClockModel;
import dev.custos.core.metadata.PersonalDataAttribute;
import dev.custos.core.policy.PolicyRule;
import dev.custos.core.retention.RetentionSpec;
import dev.custos.jpa.EntityMapping;
import dev.custos.jpa.internal.Erasure;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The attributes of one entity that share a retention rule and an anchor: the unit a sweep selects, decides and
 * erases together. Its attributes may have several erasure strategies, one {@link Erasure.Scope} each, which a
 * batch erases in one transaction: a row is erased whole or, when a statement fails, not at all. CRYPTO_SHRED,
 * which destroys the subject's key instead of changing the row, is a group of its own. Builds the JPQL. Immutable.
 *
 * @param mapping    the entity
 * @param rule       the rule
 * @param anchor     the anchor attribute, {@code clock:<event>} for a derived clock, or empty for consent-bound
 *                   rules
 * @param anchorType the anchor attribute's Java type, or null without an anchor
 * @param scopes     the erasures, one per strategy, each with its attributes and their derived copies
 */
record SweepGroup(EntityMapping mapping, PolicyRule rule, String anchor, Class<?> anchorType,
                  List<Erasure.Scope> scopes) {

    SweepGroup {
        scopes = List.copyOf(scopes);
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("a sweep group erases something");
        }
    }

    /** A group of one strategy. */
    SweepGroup(EntityMapping mapping, PolicyRule rule, String anchor, Class<?> anchorType, ErasureStrategy strategy,
               List<PersonalDataAttribute> attributes, Map<String, Class<?>> copies) {
        this(mapping, rule, anchor, anchorType, List.of(new Erasure.Scope(mapping, strategy, attributes, copies)));
    }

    /**
     * The attributes the group erases as the erasure log and decision lines name them: sorted, with the copies;
     * {@code *} for a row.
     */
    List<String> erasedNames() {
        return scopes.stream().flatMap(s -> s.erasedNames().stream()).distinct().sorted().toList();
    }

    /** The strategies, one per scope. */
    List<ErasureStrategy> strategies() {
        return scopes.stream().map(Erasure.Scope::strategy).toList();
    }

    /** The derived clock the rule runs from, if it runs from one rather than an attribute of the row. */
    Optional<DerivedClockModel> clock() {
        return mapping.model().clock(anchor);
    }

    /** The anchor attribute the candidate query reads: "" without one, or for a derived clock. */
    String anchorColumn() {
        return clock().isPresent() ? "" : anchor;
    }

    /** Whether the group deletes its rows (then it is the entity's only group). */
    boolean deletesRows() {
        return strategies().contains(ErasureStrategy.DELETE_ROW);
    }

    /** Whether the group shreds its subjects' data keys (then CRYPTO_SHRED is its only strategy). */
    boolean shreds() {
        return strategies().contains(ErasureStrategy.CRYPTO_SHRED);
    }

    /** Whether a row needs a subject to be erased: its key pseudonymises or is shredded. */
    boolean needsSubject() {
        return shreds() || strategies().contains(ErasureStrategy.PSEUDONYMIZE);
    }

    /** Every personal attribute of the group, scope by scope. */
    List<PersonalDataAttribute> attributes() {
        return scopes.stream().flatMap(s -> s.attributes().stream()).toList();
    }

    boolean consentBased() {
        return rule.retention().kind() == RetentionSpec.Kind.UNTIL_CONSENT_WITHDRAWN
                || new Processing(rule.basis(), rule.condition(), false, false).consentBased();
    }

    List<String> purposes() {
        return attributes().stream().flatMap(a -> a.purposes().stream()).distinct().toList();
    }

    /**
     * Whether candidates can be narrowed by the anchor in SQL: only for periods that consent cannot cut short
     * (a withdrawn consent makes consent-based data due whatever its anchor). With a derived clock the
     * condition is a grouped subquery over the clock's rows (see {@link #selectJpql}).
     */
    boolean anchorPrefilter() {
        return !anchor.isEmpty() && rule.retention().kind() == RetentionSpec.Kind.PERIOD && !consentBased();
    }

    /**
     * Whether a batch locks its candidates by key range ({@link #rangeLockJpql}: one statement, however many rows)
     * and decides them once, under the lock, instead of deciding, locking the due rows by id and deciding again:
     * for rules narrowed by an anchor the row holds (not a derived clock, nor consent, which another table
     * holds), with the subject and anchor in the entity's own table (Derby refuses {@code FOR UPDATE} with a
     * join), and no CRYPTO_SHRED (whose check reads and locks the subjects' other rows).
     */
    boolean lockedByRange() {
        return anchorPrefilter() && clock().isEmpty() && !anchor.contains(".")
                && !mapping.subjectPath().contains(".") && !shreds();
    }

    /**
     * Whether a batch {@link #lockedByRange()} may log its erasures without looking its rows up in the erasure log
     * first: when erasing leaves none of the group's values in the row (NULLIFY, DELETE_ROW), a candidate still
     * holding one was not erased under this rule unless the application wrote it again since, and then the
     * log's unique key refuses the second entry and the batch is redone with the look-up. Not where the log
     * names a row by its subject's pseudonym: entries of earlier versions name it in clear, which the key misses.
     */
    boolean skipsLogLookUp() {
        return !mapping.idIsSubject() && scopes.stream().allMatch(s -> s.strategy() == ErasureStrategy.NULLIFY
                || s.strategy() == ErasureStrategy.DELETE_ROW);
    }

    /** Attributes whose value the sweep must read, to pseudonymise it: those of the PSEUDONYMIZE scope. */
    List<String> valuesRead() {
        return scopes.stream().filter(s -> s.strategy() == ErasureStrategy.PSEUDONYMIZE)
                .flatMap(s -> s.attributes().stream()).map(PersonalDataAttribute::name).toList();
    }

    /**
     * The candidate query. Columns: id, subject, then the anchor if any, then {@link #valuesRead()}.
     * Parameters: {@code last} after the first batch, {@code cutoff} with {@code prefilter}.
     */
    String selectJpql(boolean afterFirst, boolean prefilter) {
        return selectJpql(afterFirst, prefilter, "");
    }

    /**
     * The candidate query as above; with a derived clock, {@code clockIds} is the subquery of the ids whose clock is
     * at or before {@code :cutoff} ({@code DerivedClockQuery#idsAtOrBefore}), which the prefilter uses.
     */
    String selectJpql(boolean afterFirst, boolean prefilter, String clockIds) {
        String id = "e." + mapping.idAttribute();
        List<String> conditions = new ArrayList<>();
        if (afterFirst) {
            conditions.add(id + " > :last");
        }
        if (prefilter && anchorPrefilter()) {
            conditions.add(clock().isPresent() ? id + " IN (" + clockIds + ")" : "e." + anchor + " <= :cutoff");
        }
        if (!deletesRows()) {
            // rows whose values are all gone have nothing left to erase (and NULLIFY leaves exactly that)
            conditions.add(anyValue());
        }
        StringBuilder jpql = columns(true);
        if (!conditions.isEmpty()) {
            jpql.append(" WHERE ").append(String.join(" AND ", conditions));
        }
        return jpql.append(" ORDER BY ").append(id).toString();
    }

    /**
     * Locks the candidates of a batch {@link #lockedByRange()}: the rows after {@code :last} (unless the first
     * batch) up to {@code :hi}, the last candidate read, that meet the candidate condition ({@code :cutoff}). Only
     * their ids, unordered, as {@link #lockJpql()}; PostgreSQL reads the range from the id's index.
     */
    String rangeLockJpql(boolean afterFirst) {
        return "SELECT e." + mapping.idAttribute() + " FROM " + mapping.entityName() + " e WHERE "
                + rangeCondition(afterFirst);
    }

    /** The rows {@link #rangeLockJpql} locked, as they are now, columns as {@link #selectJpql}, unordered. */
    String rangeRowsJpql(boolean afterFirst) {
        return columns(true).append(" WHERE ").append(rangeCondition(afterFirst)).toString();
    }

    private String rangeCondition(boolean afterFirst) {
        String id = "e." + mapping.idAttribute();
        List<String> conditions = new ArrayList<>();
        if (afterFirst) {
            conditions.add(id + " > :last");
        }
        conditions.add(id + " <= :hi");
        conditions.add("e." + anchor + " <= :cutoff");
        if (!deletesRows()) {
            conditions.add(anyValue());
        }
        return String.join(" AND ", conditions);
    }

    /**
     * Locks the rows {@code :ids} for the re-check before erasure. Only their ids, from the entity alone and
     * unordered: Derby refuses {@code FOR UPDATE} with {@code ORDER BY} or a join, and a subject behind a
     * relation can make the provider join.
     */
    String lockJpql() {
        return "SELECT e." + mapping.idAttribute() + " FROM " + mapping.entityName() + " e WHERE e."
                + mapping.idAttribute() + " IN :ids";
    }

    /**
     * The rows {@code :ids} that still hold data of this group, columns as {@link #selectJpql}, unordered: the
     * re-read after {@link #lockJpql()}.
     */
    String rowsJpql() {
        StringBuilder jpql = columns(true).append(" WHERE e.").append(mapping.idAttribute()).append(" IN :ids");
        return (deletesRows() ? jpql : jpql.append(" AND ").append(anyValue())).toString();
    }

    /**
     * The rows of one subject that hold data of this group (CRYPTO_SHRED's check that all of a subject's shredded
     * data is due). Columns as {@link #selectJpql}, without values; parameter {@code subject}.
     */
    String subjectJpql() {
        return columns(false).append(" WHERE e.").append(mapping.subjectPath()).append(" = :subject AND ")
                .append(anyValue()).toString();
    }

    /** {@code SELECT} id, subject, the anchor if any and, with {@code values}, {@link #valuesRead()}. */
    private StringBuilder columns(boolean values) {
        StringBuilder jpql = new StringBuilder("SELECT e.").append(mapping.idAttribute()).append(", e.")
                .append(mapping.subjectPath());
        if (!anchorColumn().isEmpty()) {
            jpql.append(", e.").append(anchorColumn());
        }
        if (values) {
            valuesRead().forEach(name -> jpql.append(", e.").append(name));
        }
        return jpql.append(" FROM ").append(mapping.entityName()).append(" e");
    }

    /** The condition that a row still has a value of this group. */
    private String anyValue() {
        return "(" + String.join(" OR ", attributes().stream().map(a -> "e." + a.name() + " IS NOT NULL").toList())
                + ")";
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
}
