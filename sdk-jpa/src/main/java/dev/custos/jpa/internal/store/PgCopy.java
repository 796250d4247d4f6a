// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.postgresql.PGConnection;

/**
 * Rows appended with PostgreSQL's {@code COPY ... FROM STDIN} (text format) through pgjdbc's CopyManager: one round
 * trip for a batch of rows, where JDBC batches of INSERTs cost several and per-row work on the server. Used only
 * when pgjdbc is on Custos's class path and the connection unwraps to it; everything else gets JDBC batches. The
 * rows are bytes built by {@link Rows}; {@link #copyIn} sends them in the caller's transaction. Stateless.
 */
final class PgCopy {

    private static final boolean DRIVER_PRESENT = driverPresent();

    private PgCopy() {
    }

    /** Whether {@code connection} is a pgjdbc connection COPY can be sent on. */
    static boolean usable(Connection connection) throws SQLException {
        return DRIVER_PRESENT && Jdbc.isPostgresql(connection) && Driver.wraps(connection);
    }

    /** Runs {@code copy} (a {@code COPY table (columns) FROM STDIN}) with {@code rows} as its input. */
    static void copyIn(Connection connection, String copy, Rows rows) throws SQLException {
        Driver.copyIn(connection, copy, rows.bytes());
    }

    private static boolean driverPresent() {
        try {
            Class.forName("org.postgresql.PGConnection", false, PgCopy.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The only code touching pgjdbc's types, loaded only when the driver is present. */
    private static final class Driver {

        static boolean wraps(Connection connection) throws SQLException {
            return connection.isWrapperFor(PGConnection.class);
        }

        static void copyIn(Connection connection, String copy, byte[] rows) throws SQLException {
            try {
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, new ByteArrayInputStream(rows));
            } catch (IOException e) {
                throw new SQLException(e.getMessage(), "08006", e);
            }
        }
    }

    /** COPY's text format: tab-separated columns, one line a row, {@code \N} for NULL, backslash escapes. */
    static final class Rows {

        private final StringBuilder text = new StringBuilder(4096);
        private boolean lineStart = true;
        /** The last instant written and its text: a batch's rows mostly share their times. */
        private Instant lastInstant;
        private String lastText;

        Rows number(long value) {
            separate();
            text.append(value);
            return this;
        }

        /** An instant as a TIMESTAMP column holds it: its UTC wall-clock time, as {@link Jdbc#setInstant} does. */
        Rows instant(Instant value) {
            separate();
            if (!value.equals(lastInstant)) {
                // not LocalDateTime.ofInstant, which builds the offset's rules anew for every value
                Instant stored = Jdbc.stored(value);
                lastText = LocalDateTime.ofEpochSecond(stored.getEpochSecond(), stored.getNano(), ZoneOffset.UTC)
                        .toString();
                lastInstant = value;
            }
            text.append(lastText);
            return this;
        }

        /** Text, NULL when empty as {@link Jdbc#setText} stores it. */
        Rows text(String value) {
            separate();
            if (value == null || value.isEmpty()) {
                text.append("\\N");
                return this;
            }
            // runs without a character to escape are appended whole: most values have none
            int run = 0;
            for (int i = 0; i < value.length(); i++) {
                String escaped = switch (value.charAt(i)) {
                    case '\\' -> "\\\\";
                    case '\t' -> "\\t";
                    case '\n' -> "\\n";
                    case '\r' -> "\\r";
                    default -> null;
                };
                if (escaped != null) {
                    text.append(value, run, i).append(escaped);
                    run = i + 1;
                }
            }
            text.append(value, run, value.length());
            return this;
        }

        /** Text stored as given, as {@code setString} stores it: empty stays empty, null is NULL. */
        Rows string(String value) {
            if (value != null && value.isEmpty()) {
                separate();
                return this;
            }
            return text(value);
        }

        void endRow() {
            text.append('\n');
            lineStart = true;
        }

        byte[] bytes() {
            return text.toString().getBytes(StandardCharsets.UTF_8);
        }

        private void separate() {
            if (!lineStart) {
                text.append('\t');
            }
            lineStart = false;
        }
    }
}
