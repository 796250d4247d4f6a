// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The application's columns as the database declares them ({@link DatabaseMetaData}), read once at start for
 * the deployment check of erasure strategies: NOT NULL, text length and unique indexes, which a schema made by
 * hand or by a migration tool may declare where the mapping does not. Names are matched ignoring case and
 * underscores, as providers and databases fold them differently. A table that does not exist or cannot be read
 * yields nothing: the mapping's own constraints are checked anyway. Not thread-safe; one per start.
 */
final class DatabaseColumns implements AutoCloseable {

    /** Nothing is known: no data source, or it could not be reached. */
    static final DatabaseColumns NONE = new DatabaseColumns(null);

    /**
     * One column.
     *
     * @param name        the column's name as the database spells it, qualified by its table
     * @param notNull     whether it is declared NOT NULL
     * @param textSize    its length for a text column; 0 otherwise
     * @param uniqueIndex the unique index or constraint that covers it; empty if none
     */
    record Column(String name, boolean notNull, int textSize, Optional<String> uniqueIndex) {
    }

    private static final Set<Integer> TEXT_TYPES = Set.of(Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR);

    private final Connection connection;
    private final Map<String, Map<String, Column>> tables = new HashMap<>();

    private DatabaseColumns(Connection connection) {
        this.connection = connection;
    }

    /** Reads from {@code dataSource}; nothing when it cannot be reached. */
    static DatabaseColumns open(DataSource dataSource) {
        try {
            return new DatabaseColumns(dataSource.getConnection());
        } catch (SQLException | RuntimeException e) {
            return NONE; // the mapping's constraints are checked all the same
        }
    }

    /** The column {@code column} of {@code table}, if the table exists and can be read. */
    Optional<Column> column(String table, String column) {
        if (connection == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(tables.computeIfAbsent(normal(table), t -> read(table)).get(normal(column)));
    }

    private Map<String, Column> read(String table) {
        Map<String, Column> columns = new HashMap<>();
        try {
            DatabaseMetaData metaData = connection.getMetaData();
            String catalog = connection.getCatalog();
            String schema = connection.getSchema();
            for (String spelling : new LinkedHashSet<>(List.of(table, table.toUpperCase(Locale.ROOT),
                    table.toLowerCase(Locale.ROOT)))) {
                String found = null;
                try (ResultSet rows = metaData.getColumns(catalog, schema, spelling, "%")) {
                    while (rows.next()) {
                        if (!normal(rows.getString("TABLE_NAME")).equals(normal(table))) {
                            continue; // "_" is a wildcard in the pattern
                        }
                        found = rows.getString("TABLE_NAME");
                        String name = rows.getString("COLUMN_NAME");
                        boolean text = TEXT_TYPES.contains(rows.getInt("DATA_TYPE"));
                        columns.put(normal(name), new Column(found + "." + name,
                                rows.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls,
                                text ? rows.getInt("COLUMN_SIZE") : 0, Optional.empty()));
                    }
                }
                if (found != null) {
                    uniqueIndexes(metaData, catalog, schema, found, columns);
                    return columns;
                }
            }
        } catch (SQLException | RuntimeException e) {
            columns.clear(); // unreadable: the mapping's constraints are checked all the same
        }
        return columns;
    }

    private static void uniqueIndexes(DatabaseMetaData metaData, String catalog, String schema, String table,
                                      Map<String, Column> columns) throws SQLException {
        try (ResultSet rows = metaData.getIndexInfo(catalog, schema, table, true, true)) {
            while (rows.next()) {
                String name = rows.getString("COLUMN_NAME");
                if (name == null || rows.getBoolean("NON_UNIQUE")) {
                    continue;
                }
                String index = rows.getString("INDEX_NAME");
                columns.computeIfPresent(normal(name), (k, c) -> c.uniqueIndex().isPresent() ? c
                        : new Column(c.name(), c.notNull(), c.textSize(),
                        Optional.of("unique index " + (index == null ? "" : index))));
            }
        }
    }

    private static String normal(String name) {
        return name.replace("\"", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // read-only and done: nothing to undo
        }
    }
}
