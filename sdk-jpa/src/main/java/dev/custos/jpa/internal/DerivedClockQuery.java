// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.annotation.DerivedClock;
import dev.custos.core.metadata.DerivedClockModel;
import dev.custos.jpa.EntityMapping;
import dev.custos.jpa.internal.store.Jdbc;
import jakarta.persistence.EntityManager;
import jakarta.persistence.metamodel.IdentifiableType;
import jakarta.persistence.metamodel.SingularAttribute;
import jakarta.persistence.metamodel.Type;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the values of a {@code @DerivedClock} for a batch of rows, set-based: one grouped query per
 * {@value Jdbc#IN_CHUNK} rows, never one per row. For a path ({@code pets.visits.date} on {@code Owner}):
 * <pre>
 * SELECT e.id, MAX(j1.date) FROM Owner e JOIN e.pets j0 JOIN j0.visits j1 WHERE e.id IN :ids GROUP BY e.id
 * </pre>
 * and for the rows of another entity of the same data subject ({@code JournalEntry.writtenOn}):
 * <pre>
 * SELECT e.id, MAX(x.writtenOn) FROM JournalEntry e, JournalEntry x
 *     WHERE x.client.id = e.client.id AND e.id IN :ids GROUP BY e.id
 * </pre>
 * Inner joins and grouping leave out rows without a value, so they have none in the result: the retention
 * engine then keeps them. Standard JPQL (joins, an aggregate, {@code GROUP BY}), which both providers write for
 * Derby, PostgreSQL and MariaDB alike. Thread-safe (stateless).
 */
public final class DerivedClockQuery {

    private DerivedClockQuery() {
    }

    /**
     * The clock's value of each row {@code ids} of {@code mapping}'s entity that has one, by id, as the type of
     * the date attribute (a provider that returns a {@code java.sql} type for an aggregate is read back into it).
     */
    public static Map<Object, Object> values(EntityManager em, EntityMapping mapping, DerivedClockModel clock,
                                             List<?> ids) {
        Map<Object, Object> values = new HashMap<>();
        if (ids.isEmpty()) {
            return values;
        }
        String jpql = jpql(em, mapping, clock);
        for (List<?> chunk : Jdbc.chunks(ids)) {
            List<Object[]> rows = em.createQuery(jpql, Object[].class).setParameter("ids", chunk).getResultList();
            for (Object[] row : rows) {
                if (row[1] != null) {
                    values.put(row[0], normalized(row[1], clock.dateType()));
                }
            }
        }
        return values;
    }

    /** The grouped query of {@link #values}; parameter {@code ids}. */
    static String jpql(EntityManager em, EntityMapping mapping, DerivedClockModel clock) {
        Parts parts = parts(em, mapping, clock, "e", "x", "j");
        String id = "e." + mapping.idAttribute();
        return "SELECT " + id + ", " + parts.value() + parts.from() + " WHERE " + parts.where() + id
                + " IN :ids GROUP BY " + id;
    }

    /**
     * A subquery of the ids of the rows whose clock is at or before {@code :cutoff}, for the sweep's prefilter:
     * the grouped query above with {@code HAVING}. Rows without a clock value are left out, as the engine would
     * keep them anyway.
     */
    public static String idsAtOrBefore(EntityManager em, EntityMapping mapping, DerivedClockModel clock) {
        Parts parts = parts(em, mapping, clock, "c", "cx", "cj");
        String id = "c." + mapping.idAttribute();
        String where = parts.where().isEmpty() ? "" : " WHERE " + parts.where().substring(0,
                parts.where().length() - " AND ".length());
        return "SELECT " + id + parts.from() + where + " GROUP BY " + id + " HAVING " + parts.value() + " <= :cutoff";
    }

    /** The pieces of a clock's query: FROM with its joins, a WHERE prefix ending in AND (or ""), the aggregate. */
    private record Parts(String from, String where, String value) {
    }

    private static Parts parts(EntityManager em, EntityMapping mapping, DerivedClockModel clock, String row,
                               String other, String join) {
        StringBuilder from = new StringBuilder(" FROM ").append(mapping.entityName()).append(' ').append(row);
        String root = row;
        String where = "";
        if (clock.entity().isPresent()) {
            Class<?> target = clock.entity().get();
            from.append(", ").append(em.getMetamodel().entity(target).getName()).append(' ').append(other);
            root = other;
            where = other + "." + subjectPath(em, target, clock.subjectAttribute()) + " = " + row + "."
                    + mapping.subjectPath() + " AND ";
        }
        List<String> path = clock.path();
        for (int i = 0; i < path.size() - 1; i++) {
            from.append(" JOIN ").append(root).append('.').append(path.get(i)).append(' ').append(join).append(i);
            root = join + i;
        }
        String aggregate = clock.aggregate() == DerivedClock.Aggregate.EARLIEST ? "MIN" : "MAX";
        return new Parts(from.toString(), where, aggregate + "(" + root + "." + path.get(path.size() - 1) + ")");
    }

    /** The JPQL path to the subject's id of {@code type}, whose subject attribute is {@code attribute}. */
    private static String subjectPath(EntityManager em, Class<?> type, String attribute) {
        SingularAttribute<?, ?> subject = em.getMetamodel().entity(type).getSingularAttribute(attribute);
        if (subject.getType().getPersistenceType() == Type.PersistenceType.ENTITY) {
            IdentifiableType<?> related = (IdentifiableType<?>) subject.getType();
            return attribute + "." + related.getSingularAttributes().stream().filter(SingularAttribute::isId)
                    .findFirst().orElseThrow().getName();
        }
        return attribute;
    }

    /** {@code value} as {@code type} where a provider returned a JDBC type for the aggregate. */
    private static Object normalized(Object value, Class<?> type) {
        if (type == LocalDate.class && value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        if (type == LocalDate.class && value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toLocalDateTime().toLocalDate();
        }
        if (type == LocalDateTime.class && value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toLocalDateTime();
        }
        return value;
    }
}
