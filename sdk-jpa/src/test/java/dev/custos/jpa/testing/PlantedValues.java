// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.testing;

import dev.custos.core.CustosException;
import dev.custos.jpa.access.AccessRefusedException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Searches for planted personal data where Custos must never keep or show it in clear: every column of every
 * {@code custos_*} table (found through the JDBC metadata, so a new table is searched too), every log record,
 * and every message Custos wrote. Case-insensitive, by substring.
 */
public final class PlantedValues {

    private final List<String> planted;

    public PlantedValues(Collection<String> planted) {
        this.planted = planted.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
    }

    public int size() {
        return planted.size();
    }

    public boolean foundIn(String text) {
        String lower = text == null ? "" : text.toLowerCase(Locale.ROOT);
        return planted.stream().anyMatch(lower::contains);
    }

    /**
     * Every record of every logger while open (System.Logger and JBoss Logging go to java.util.logging, and so
     * does EclipseLink with {@code eclipselink.logging.logger=JavaLogger}): Custos' at every level, the
     * provider's and the driver's at the levels they log by default.
     */
    public static final class LogCapture extends Handler implements AutoCloseable {
        private final List<LogRecord> records = new CopyOnWriteArrayList<>();
        private final Logger root = Logger.getLogger("");
        private final Logger custos = Logger.getLogger("dev.custos");
        private final Level custosLevel = custos.getLevel();

        public LogCapture() {
            setLevel(Level.ALL);
            custos.setLevel(Level.ALL);
            root.addHandler(this);
        }

        public List<LogRecord> records() {
            return List.copyOf(records);
        }

        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            root.removeHandler(this);
            custos.setLevel(custosLevel);
        }
    }

    /** The messages Custos itself wrote into {@code thrown}'s chain: its own exceptions and refusals' reasons. */
    public static List<String> custosMessages(Throwable thrown) {
        List<String> texts = new ArrayList<>();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof CustosException custos) {
                texts.add(custos.getMessage());
                if (custos instanceof AccessRefusedException refused) {
                    refused.reasons().forEach(r -> texts.add(r.toString()));
                }
            }
        }
        return texts;
    }

    /** The texts among {@code messages} that hold a planted value. */
    public List<String> inMessages(Collection<String> messages) {
        return messages.stream().filter(this::foundIn).map(m -> "message: " + m).toList();
    }

    /**
     * The records, with their parameters and whole stack traces, that hold a planted value: Custos' own, the
     * persistence provider's and the driver's alike.
     */
    public List<String> inLog(List<LogRecord> records) {
        List<String> leaks = new ArrayList<>();
        for (LogRecord record : records) {
            String logger = String.valueOf(record.getLoggerName());
            StringBuilder text = new StringBuilder(String.valueOf(record.getMessage()));
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    text.append(' ').append(parameter);
                }
            }
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                text.append(' ').append(trace);
            }
            if (foundIn(text.toString())) {
                leaks.add("log " + logger + ": " + text);
            }
        }
        return leaks;
    }

    /** Every text column of every row of every custos_* table of the connection's schema holding a planted value. */
    public List<String> inTables(Connection connection) throws SQLException {
        List<String> leaks = new ArrayList<>();
        for (String table : custosTables(connection)) {
            try (Statement s = connection.createStatement(); ResultSet rows = s.executeQuery("SELECT * FROM " + table)) {
                ResultSetMetaData columns = rows.getMetaData();
                while (rows.next()) {
                    for (int i = 1; i <= columns.getColumnCount(); i++) {
                        int type = columns.getColumnType(i);
                        if (type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY
                                || type == Types.BLOB) {
                            continue; // keys: random bytes
                        }
                        String value = rows.getString(i);
                        if (value != null && foundIn(value)) {
                            leaks.add(table + "." + columns.getColumnName(i) + " = " + value);
                        }
                    }
                }
            }
        }
        return leaks;
    }

    /** The custos_* tables of the connection's schema. */
    public static List<String> custosTables(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        List<String> names = new ArrayList<>();
        try (ResultSet rs = meta.getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String table = rs.getString("TABLE_NAME");
                String schema = rs.getString("TABLE_SCHEM");
                if (table.toLowerCase(Locale.ROOT).startsWith("custos_")
                        && (schema == null || schema.equalsIgnoreCase(connection.getSchema()))) {
                    names.add(table);
                }
            }
        }
        return names;
    }
}
