// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.CustosException;
import dev.custos.jpa.EntityMapping;
import dev.custos.jpa.internal.eclipselink.EclipseLinkTables;
import dev.custos.jpa.internal.hibernate.HibernateTables;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An entity's tables as its provider maps them, for the erasure statements {@link Erasure} runs over JDBC on the
 * entity manager's transaction connection: so a statement the database refuses never reaches the provider, whose
 * own loggers would print the database's message (PostgreSQL's "Failing row contains (...)", MariaDB's
 * "Duplicate entry '...'"). Names come from the provider's mapping, and values are bound by the provider's own
 * type handling (converters, enums, UUIDs), so the statements write what the provider would have written.
 * <p>
 * A row may span several tables: the table of its id (and version), the tables of joined inheritance and
 * secondary tables, each keyed by a column holding the id, and, for a row to be deleted, the collection tables
 * of its element collections and many-to-many associations. An embedded attribute stands for its columns (which
 * erasure only ever nulls: no other strategy takes an embeddable). An attribute that is not a column (a
 * formula, an association), a soft-deleted entity, a table per concrete class, a key of more than one column, or a collection whose rows
 * are not keyed by the id in a table of their own (a unidirectional one-to-many, the inverse side of a
 * many-to-many) yields nothing, and the caller falls back to the provider's bulk statement. Bound to the entity
 * manager it was read from; not thread-safe.
 *
 * @param table    the table of the id, as the provider writes it in SQL
 * @param idColumn the id's column in {@code table}
 * @param columns  the columns of each attribute asked for (one, or an embeddable's) and of the version
 *                 attribute, by attribute name
 * @param keyed    the other tables holding rows keyed by the id, in the order their rows are deleted (before
 *                 the row in {@code table}); collection tables only when the row is to be deleted
 * @param binder   binds an attribute's value (or the id's) as the provider would
 */
public record RowTable(String table, String idColumn, Map<String, List<Column>> columns, List<Column> keyed,
                       Binder binder) {

    /** A column of a table; for a {@link #keyed} table, the column holding the row's id. */
    public record Column(String table, String name) {
        public Column {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(name, "name");
        }
    }

    /** Binds the value of an attribute, converted as its mapping says, at a parameter index. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement statement, int index, String attribute, Object value) throws SQLException;
    }

    public RowTable {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(idColumn, "idColumn");
        columns = Map.copyOf(columns);
        columns.values().forEach(c -> {
            if (c.isEmpty()) {
                throw new IllegalArgumentException("an attribute without columns");
            }
        });
        keyed = List.copyOf(keyed);
        Objects.requireNonNull(binder, "binder");
    }

    /** The column of {@code attribute}, one of those asked for or the version attribute, not an embedded one. */
    public Column column(String attribute) {
        List<Column> all = allColumns(attribute);
        if (all.size() != 1) {
            throw new IllegalArgumentException("an embeddable's columns take no value: " + attribute);
        }
        return all.get(0);
    }

    /** Every column of {@code attribute}: one, or each of an embeddable's. */
    public List<Column> allColumns(String attribute) {
        return Objects.requireNonNull(columns.get(attribute), attribute);
    }

    /** The column of {@code table} (the id's table or a keyed one) that holds the row's id. */
    public String key(String table) {
        if (this.table.equals(table)) {
            return idColumn;
        }
        return keyed.stream().filter(k -> k.table().equals(table)).map(Column::name).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(table));
    }

    /**
     * The tables of {@code mapping}'s entity with the columns of its id, its version and {@code attributes};
     * with the collection tables where {@code deleted}. Empty where the statements over JDBC could not reach
     * every table the provider's statement would (see the class comment).
     *
     * @throws CustosException {@code CUSTOS-04415} for a provider other than EclipseLink and Hibernate
     */
    public static Optional<RowTable> of(EntityManager em, EntityMapping mapping, Collection<String> attributes,
                                        boolean deleted) {
        return JpaProvider.of(em.getEntityManagerFactory()) == JpaProvider.HIBERNATE
                ? HibernateTables.of(em, mapping, attributes, deleted)
                : EclipseLinkTables.of(em, mapping, attributes, deleted);
    }
}
