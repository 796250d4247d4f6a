// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.annotation.ErasureStrategy;
import dev.custos.jpa.internal.Erasure.Scope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The SQL of an erasure {@link Scope} over JDBC, for the tables of its {@link RowTable}. */
final class ScopeSql {

    private ScopeSql() {
    }

    /**
     * The SQL of {@link Scope#eraseJpql()} for {@code table}: one statement per table the row spans that it
     * writes (for DELETE_ROW its collection and other tables first, then the id's table), each ending in
     * {@code IN } for the list of ids and binding the anonymous values of its attributes first; empty where the
     * JPQL is null.
     */
    static List<Sql> eraseSql(Scope scope, RowTable table) {
        if (scope.strategy() == ErasureStrategy.DELETE_ROW) {
            List<Sql> deletes = new ArrayList<>();
            table.keyed().forEach(k -> deletes.add(new Sql("DELETE FROM " + k.table() + " WHERE " + k.name()
                    + " IN ", List.of())));
            deletes.add(new Sql("DELETE FROM " + table.table() + " WHERE " + table.idColumn() + " IN ",
                    List.of()));
            return deletes;
        }
        Map<String, Boolean> sets = scope.bulkSets();
        if (sets.isEmpty()) {
            return List.of();
        }
        return updates(scope, table, sets, " IN ");
    }

    /**
     * One UPDATE per table holding a column of {@code sets} (each set to a bound value where true, to NULL
     * where false), the version's table moving the version on, each ending in {@code where}.
     */
    private static List<Sql> updates(Scope scope, RowTable table, Map<String, Boolean> sets, String where) {
        Map<String, List<String>> assignments = new LinkedHashMap<>();
        Map<String, List<String>> bound = new LinkedHashMap<>();
        sets.forEach((name, value) -> {
            // a value is bound to one column; an embedded attribute is nulled in each of its columns
            for (RowTable.Column column : value ? List.of(table.column(name)) : table.allColumns(name)) {
                assignments.computeIfAbsent(column.table(), t -> new ArrayList<>()).add(column.name()
                        + (value ? " = ?" : " = NULL"));
                List<String> names = bound.computeIfAbsent(column.table(), t -> new ArrayList<>());
                if (value) {
                    names.add(name);
                }
            }
        });
        versionSql(scope, table).ifPresent(v -> assignments.computeIfAbsent(table.table(), t -> new ArrayList<>())
                .add(v));
        List<Sql> statements = new ArrayList<>();
        assignments.forEach((name, sql) -> statements.add(new Sql("UPDATE " + name + " SET "
                + String.join(", ", sql) + " WHERE " + table.key(name) + where,
                bound.getOrDefault(name, List.of()))));
        return statements;
    }

    /** The attributes whose values {@link Scope#anonymousValues()} holds, in its order. */
    static List<String> anonymousColumns(Scope scope) {
        List<String> names = new ArrayList<>();
        scope.bulkSets().forEach((name, bound) -> {
            if (bound) {
                names.add(name);
            }
        });
        return names;
    }

    /** The attributes and copies the statements write, for {@link RowTable#of}. */
    static List<String> columnNames(Scope scope) {
        List<String> names = new ArrayList<>();
        scope.attributes().forEach(a -> names.add(a.name()));
        names.addAll(scope.copies().keySet());
        return names;
    }

    /** The SQL assignment of {@link dev.custos.jpa.EntityMapping#versionBump()}. */
    private static Optional<String> versionSql(Scope scope, RowTable table) {
        return scope.mapping().version().map(v -> {
            String column = table.column(v.attribute()).name();
            return column + " = " + (v.numeric() ? column + " + 1" : "CURRENT_TIMESTAMP");
        });
    }

    /**
     * The SQL of {@link Scope#rowJpql()} for {@code table}: one statement per table the attributes and copies are
     * in, each binding the values of {@link Scope#rowValues} of its attributes, then the id.
     */
    static List<Sql> rowSql(Scope scope, RowTable table) {
        Map<String, Boolean> sets = new LinkedHashMap<>();
        columnNames(scope).forEach(name -> sets.put(name, true));
        return updates(scope, table, sets, " = ?");
    }

    /**
     * One statement over JDBC: its text, ending where the ids are bound, and the attributes whose values it binds
     * first, in order.
     */
    record Sql(String text, List<String> bound) {
    }
}
