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
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An entity's table as its provider maps it, for the erasure statements {@link Erasure} runs over JDBC on the
 * entity manager's transaction connection: so a statement the database refuses never reaches the provider, whose
 * own loggers would print the database's message (PostgreSQL's "Failing row contains (...)", MariaDB's
 * "Duplicate entry '...'"). Names come from the provider's mapping, and values are bound by the provider's own
 * type handling (converters, enums, UUIDs), so the statements write what the provider would have written.
 * <p>
 * Only an entity held in one table is described: a row the provider spreads over several tables (joined
 * inheritance, secondary tables, soft delete) or an attribute that is not a plain column yields nothing, and the
 * caller falls back to the provider's bulk statement. Bound to the entity manager it was read from; not
 * thread-safe.
 *
 * @param table   the table's name as the provider writes it in SQL
 * @param columns the column of the id, each attribute asked for and the version attribute, by attribute name
 * @param binder  binds an attribute's value (or the id's) as the provider would
 */
public record RowTable(String table, Map<String, String> columns, Binder binder) {

    /** Binds the value of an attribute, converted as its mapping says, at a parameter index. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement statement, int index, String attribute, Object value) throws SQLException;
    }

    public RowTable {
        Objects.requireNonNull(table, "table");
        columns = Map.copyOf(columns);
        Objects.requireNonNull(binder, "binder");
    }

    /** The column of {@code attribute}, one of those asked for. */
    public String column(String attribute) {
        return Objects.requireNonNull(columns.get(attribute), attribute);
    }

    /**
     * The table of {@code mapping}'s entity with the columns of its id, its version and {@code attributes}; empty
     * when the provider keeps the row in more than one table or an attribute is not a plain column.
     *
     * @throws CustosException {@code CUSTOS-04415} for a provider other than EclipseLink and Hibernate
     */
    public static Optional<RowTable> of(EntityManager em, EntityMapping mapping, Collection<String> attributes) {
        String provider = em.getEntityManagerFactory().getClass().getName();
        if (provider.startsWith("org.hibernate.")) {
            return HibernateTables.of(em, mapping, attributes);
        }
        if (provider.startsWith("org.eclipse.persistence.")) {
            return EclipseLinkTables.of(em, mapping, attributes);
        }
        throw new CustosException(JpaMessages.unsupportedProvider(provider));
    }
}
