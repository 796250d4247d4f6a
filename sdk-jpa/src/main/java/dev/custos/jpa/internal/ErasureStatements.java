// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.jpa.internal.Erasure.Scope;
import dev.custos.jpa.internal.ScopeSql.Sql;
import dev.custos.jpa.internal.Erasure.Target;
import dev.custos.jpa.internal.store.SubjectKeys;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The statements of an {@link Erasure}: over JDBC where {@link RowTable} describes the mapping, else the provider's
 * bulk JPQL. Thread-safe; the connection must not be shared between threads.
 */
final class ErasureStatements {

    private static final System.Logger LOG = System.getLogger(Erasure.class.getName());
    /** The entities {@link #noteProviderStatement} told of, per factory; weak, so a closed factory is forgotten. */
    private static final Map<jakarta.persistence.EntityManagerFactory, Set<String>> NOTED =
            Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private final SubjectKeys keys;

    ErasureStatements(SubjectKeys keys) {
        this.keys = keys;
    }

    /** The erasure statements over JDBC, so that a statement the database refuses reaches no provider logger. */
    void writeRows(Connection connection, RowTable table, Scope scope, List<Target> rows)
            throws SQLException {
        String id = scope.mapping().idAttribute();
        if (scope.perRow()) {
            List<String> names = ScopeSql.columnNames(scope);
            List<Sql> sqls = ScopeSql.rowSql(scope, table);
            List<PreparedStatement> updates = new ArrayList<>();
            try {
                for (Sql sql : sqls) {
                    updates.add(connection.prepareStatement(sql.text()));
                }
                for (Target row : rows) {
                    List<Object> values = scope.rowValues(row, value -> keys.pseudonymOf(connection,
                            Objects.requireNonNull(row.subjectId(), "subjectId"), value));
                    for (int s = 0; s < sqls.size(); s++) {
                        int index = 1;
                        for (String name : sqls.get(s).bound()) {
                            table.binder().bind(updates.get(s), index++, name, values.get(names.indexOf(name)));
                        }
                        table.binder().bind(updates.get(s), index, id, row.id());
                        updates.get(s).executeUpdate();
                    }
                }
            } finally {
                for (PreparedStatement update : updates) {
                    update.close();
                }
            }
        }
        List<String> names = ScopeSql.anonymousColumns(scope);
        List<Object> values = names.isEmpty() ? List.of() : scope.anonymousValues();
        for (Sql sql : ScopeSql.eraseSql(scope, table)) {
            for (int from = 0; from < rows.size(); from += Erasure.IN_CHUNK) {
                List<Target> chunk = rows.subList(from, Math.min(rows.size(), from + Erasure.IN_CHUNK));
                try (PreparedStatement statement = connection.prepareStatement(sql.text() + inList(chunk.size()))) {
                    int index = 1;
                    for (String name : sql.bound()) {
                        table.binder().bind(statement, index++, name, values.get(names.indexOf(name)));
                    }
                    for (Target row : chunk) {
                        table.binder().bind(statement, index++, id, row.id());
                    }
                    statement.executeUpdate();
                }
            }
        }
    }

    private static String inList(int size) {
        return "(" + String.join(", ", Collections.nCopies(size, "?")) + ")";
    }

    /**
     * Says once per factory and entity, at WARNING, that its erasures go through the provider, whose logger may
     * print a refused row ({@code CUSTOS-04580}): the one place where Custos cannot keep that out of the log.
     */
    static void noteProviderStatement(EntityManager em, String entity) {
        Set<String> noted = NOTED.computeIfAbsent(em.getEntityManagerFactory(),
                f -> java.util.concurrent.ConcurrentHashMap.newKeySet());
        if (noted.add(entity)) {
            String provider = JpaProvider.of(em.getEntityManagerFactory()).displayName();
            LOG.log(System.Logger.Level.WARNING, JpaMessages.erasureThroughProvider(entity, provider).toString());
        }
    }

    /** The provider's bulk JPQL statements, for an entity {@link RowTable} cannot describe. */
    void bulkJpql(EntityManager em, Connection connection, Scope scope, List<Target> rows) {
        if (scope.perRow()) {
            String jpql = scope.rowJpql();
            for (Target row : rows) {
                Query update = em.createQuery(jpql).setParameter("id", row.id());
                List<Object> values = scope.rowValues(row, value -> keys.pseudonymOf(connection,
                        Objects.requireNonNull(row.subjectId(), "subjectId"), value));
                for (int i = 0; i < values.size(); i++) {
                    update.setParameter("v" + i, values.get(i));
                }
                update.executeUpdate();
            }
        }
        String jpql = scope.eraseJpql();
        if (jpql != null) {
            List<Object> values = scope.anonymousValues();
            for (int from = 0; from < rows.size(); from += Erasure.IN_CHUNK) {
                List<Object> ids = rows.subList(from, Math.min(rows.size(), from + Erasure.IN_CHUNK)).stream()
                        .map(Target::id).toList();
                Query statement = em.createQuery(jpql).setParameter("ids", ids);
                for (int i = 0; i < values.size(); i++) {
                    statement.setParameter("a" + i, values.get(i));
                }
                statement.executeUpdate();
            }
        }
    }
}
