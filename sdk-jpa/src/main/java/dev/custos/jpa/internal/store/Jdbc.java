// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.store;

import dev.custos.core.CustosException;
import dev.custos.jpa.internal.SanitizedCause;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Calendar;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;

/** The JDBC chores every store shares. Stateless and thread-safe. */
public final class Jdbc {

    /** Unique or primary key violation, on Derby and PostgreSQL alike. */
    static final String DUPLICATE_KEY = "23505";

    /**
     * MariaDB reports every integrity violation as SQLState 23000; its error code 1062 (ER_DUP_ENTRY) is the
     * unique or primary key one.
     */
    private static final int MARIADB_DUPLICATE_ENTRY = 1062;

    private Jdbc() {
    }

    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    /** Runs {@code work}, turning an SQLException into a CustosException that names the operation. */
    static <T> T run(String operation, Work<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new CustosException(StoreMessages.sqlFailed(operation, SanitizedCause.describe(e)), e);
        }
    }

    /**
     * Executes an INSERT and returns false, instead of failing, when it hits a unique key. Inside a transaction
     * the insert runs under a savepoint, because PostgreSQL aborts the whole transaction on any error: rolling
     * back to the savepoint keeps the caller's transaction usable.
     */
    static boolean insertUnlessDuplicate(Connection connection, PreparedStatement insert) throws SQLException {
        Savepoint savepoint = connection.getAutoCommit() ? null : connection.setSavepoint();
        try {
            insert.executeUpdate();
        } catch (SQLException e) {
            if (savepoint != null) {
                connection.rollback(savepoint);
            }
            if (isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
        if (savepoint != null) {
            connection.releaseSavepoint(savepoint);
        }
        return true;
    }

    /** Whether {@code connection} goes to MariaDB, where a few statements take a form of their own. */
    static boolean isMariadb(Connection connection) throws SQLException {
        return "MariaDB".equals(connection.getMetaData().getDatabaseProductName());
    }

    /**
     * On PostgreSQL, has the rest of the caller's transaction plan every statement for its parameters. The
     * driver reuses a server-side prepared statement after five executions, and PostgreSQL may then keep a
     * generic plan made while a table was nearly empty: for the erasure log's look-up by ids, one that reads
     * every logged row of the entity (300 ms a look-up at 48,000 rows instead of under 1 ms). A custom plan
     * costs a fraction of a millisecond. Outside a transaction, and on other databases, it does nothing.
     */
    static void planForParameters(Connection connection) throws SQLException {
        if (connection.getAutoCommit() || !isPostgresql(connection)) {
            return;
        }
        try (PreparedStatement set = connection.prepareStatement("SET LOCAL plan_cache_mode = force_custom_plan")) {
            set.execute();
        }
    }

    /** Whether {@code connection} goes to PostgreSQL, whose planner settings and statistics some look-ups need. */
    static boolean isPostgresql(Connection connection) throws SQLException {
        return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
    }

    /** Whether {@code connection} goes to Derby, which does not lock rows a FOR UPDATE query reads. */
    static boolean isDerby(Connection connection) throws SQLException {
        return "Apache Derby".equals(connection.getMetaData().getDatabaseProductName());
    }

    /** The most values one {@code IN (?, ...)} list binds: databases cap a statement's parameters. */
    public static final int IN_CHUNK = 500;

    /**
     * {@code values} in consecutive chunks of at most {@code size}, for the look-up loop of an
     * {@code IN (?, ...)} query (one statement per chunk, its list {@link #marks} long).
     */
    public static <T> List<List<T>> chunks(List<T> values, int size) {
        List<List<T>> chunks = new java.util.ArrayList<>((values.size() + size - 1) / size);
        for (int from = 0; from < values.size(); from += size) {
            chunks.add(values.subList(from, Math.min(values.size(), from + size)));
        }
        return chunks;
    }

    /** {@link #chunks(List, int)} of {@link #IN_CHUNK}. */
    public static <T> List<List<T>> chunks(List<T> values) {
        return chunks(values, IN_CHUNK);
    }

    /** The parameter marks of an IN list of {@code count} values: {@code ?, ?, ?}. */
    public static String marks(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    /**
     * {@code table} as the FROM clause of a look-up by an IN list on the leading column of {@code derbyIndex}
     * ({@code "index=name"} or {@code "constraint=name"}): on Derby told to probe that index once per value.
     * Derby's optimizer otherwise scans the table, comparing every row with every value of the list, until the
     * table holds some 15 times as many rows as the list, and keeps that plan while the statement stays cached:
     * 500 keys among 7,000 rows took 235 ms a look-up instead of 3 ms. Other databases get the table alone.
     */
    static String probing(Connection connection, String table, String derbyIndex) throws SQLException {
        return isDerby(connection) ? table + " --DERBY-PROPERTIES " + derbyIndex + "\n" : table;
    }

    /** The connection's isolation level for a message, without failing if the driver cannot tell. */
    static String isolation(Connection connection) {
        try {
            return Integer.toString(connection.getTransactionIsolation());
        } catch (SQLException e) {
            return "unknown";
        }
    }

    static boolean isDuplicateKey(SQLException e) {
        for (SQLException next = e; next != null; next = next.getNextException()) {
            if (DUPLICATE_KEY.equals(next.getSQLState())
                    || "23000".equals(next.getSQLState()) && next.getErrorCode() == MARIADB_DUPLICATE_ENTRY) {
                return true;
            }
        }
        return false;
    }

    /** The precision every timestamp column keeps on every database (PostgreSQL and MariaDB store microseconds). */
    static Instant stored(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    // TIMESTAMP columns hold UTC. Passing a UTC calendar makes the driver convert between the instant and the
    // column's wall-clock value in UTC, whatever the JVM's default zone. PostgreSQL's driver does this exactly;
    // Derby converts through the JVM's zone internally, so a UTC wall-clock time that falls in that zone's
    // daylight-saving gap moves by an hour: run Derby in a JVM whose zone has no DST (UTC).
    private static Calendar utc() {
        return Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    }

    static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP);
        } else {
            statement.setTimestamp(index, Timestamp.from(stored(value)), utc());
        }
    }

    static void setInstant(PreparedStatement statement, int index, Optional<Instant> value) throws SQLException {
        setInstant(statement, index, value.orElse(null));
    }

    static Instant getInstant(ResultSet rows, String column) throws SQLException {
        Timestamp value = rows.getTimestamp(column, utc());
        return value == null ? null : value.toInstant();
    }

    static Optional<Instant> optionalInstant(ResultSet rows, String column) throws SQLException {
        return Optional.ofNullable(getInstant(rows, column));
    }

    /** Text that does not apply is stored as NULL, so auditors can write {@code IS NULL}. */
    static void setText(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null || value.isEmpty()) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    /** The text of a column, empty for NULL. */
    static String getText(ResultSet rows, String column) throws SQLException {
        String value = rows.getString(column);
        return value == null ? "" : value;
    }

    /** Names joined by commas; every name must be non-empty and free of commas. */
    static String joinNames(String kind, List<String> names) {
        for (String name : names) {
            if (name.isEmpty() || name.indexOf(',') >= 0) {
                throw new CustosException(StoreMessages.separatorInName(kind, name));
            }
        }
        return String.join(",", names);
    }

    static List<String> splitNames(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(",", -1));
    }
}
