// SPDX-License-Identifier: Apache-2.0
package dev.custos.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL of a document, taken from it as written: every {@code ```sql} block must follow a line
 * {@code <!-- query: name -->} or {@code <!-- query: name (database) -->} for a query that runs on one database
 * only. Parameters are written {@code :name}, as SQL tools take them; {@link #run} binds them by name.
 */
final class GuideQueries {

    /** One named query of the document. */
    record Query(String name, Optional<String> database, String sql) {
    }

    private static final Pattern BLOCK = Pattern.compile("```sql\\n(.*?)\\n```", Pattern.DOTALL);
    private static final Pattern NAMED = Pattern.compile(
            "<!-- query: ([a-z0-9-]+)(?: \\(([a-z]+)\\))? -->\\n```sql\\n(.*?)\\n```", Pattern.DOTALL);
    // a parameter: a colon and a name, not inside a quoted literal (the guide's literals hold no such colon)
    private static final Pattern PARAMETER = Pattern.compile("(?<![:\\w]):([a-z_]+)");

    private final Map<String, Query> queries = new LinkedHashMap<>();
    private final int blocks;

    GuideQueries(Path document) throws IOException {
        String text = Files.readString(document, StandardCharsets.UTF_8);
        Matcher named = NAMED.matcher(text);
        while (named.find()) {
            Query query = new Query(named.group(1), Optional.ofNullable(named.group(2)), named.group(3));
            if (queries.put(query.name(), query) != null) {
                throw new IllegalStateException(document + " names two queries " + query.name());
            }
        }
        Matcher any = BLOCK.matcher(text);
        int count = 0;
        while (any.find()) {
            count++;
        }
        blocks = count;
    }

    /** How many {@code ```sql} blocks the document has, named or not. */
    int blocks() {
        return blocks;
    }

    Map<String, Query> all() {
        return queries;
    }

    Query get(String name) {
        Query query = queries.get(name);
        if (query == null) {
            throw new IllegalArgumentException("the document has no query " + name);
        }
        return query;
    }

    /** The parameters' names in the order they occur, repeats included. */
    static List<String> parameters(String sql) {
        List<String> names = new ArrayList<>();
        Matcher m = PARAMETER.matcher(sql);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * {@code sql} with each parameter replaced by its value as a quoted literal, as the guide tells readers to
     * write them by hand ({@code '2024-01-01 00:00:00'} for an instant, in UTC).
     */
    static String inline(String sql, Map<String, Object> values) {
        return PARAMETER.matcher(sql).replaceAll(m -> {
            Object value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("no value for :" + m.group(1));
            }
            String text = value instanceof Instant instant
                    ? instant.toString().replace('T', ' ').replace("Z", "") : value.toString();
            return Matcher.quoteReplacement("'" + text.replace("'", "''") + "'");
        });
    }

    /**
     * Runs {@code sql} with its parameters bound from {@code values} (an {@link Instant} as a UTC timestamp, as
     * Custos stores it) and returns its rows, each column by its lower-case label: timestamps as ISO instants,
     * text stripped (CHAR columns are padded), null as null.
     */
    static List<Map<String, String>> run(Connection connection, String sql, Map<String, Object> values)
            throws SQLException {
        Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        List<String> names = parameters(sql);
        try (PreparedStatement statement = connection.prepareStatement(PARAMETER.matcher(sql).replaceAll("?"))) {
            for (int i = 0; i < names.size(); i++) {
                Object value = values.get(names.get(i));
                if (value == null) {
                    throw new IllegalArgumentException("no value for :" + names.get(i) + " in\n" + sql);
                } else if (value instanceof Instant instant) {
                    statement.setTimestamp(i + 1, Timestamp.from(instant), utc);
                } else if (value instanceof Long number) {
                    statement.setLong(i + 1, number);
                } else {
                    statement.setString(i + 1, value.toString());
                }
            }
            List<Map<String, String>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                ResultSetMetaData meta = result.getMetaData();
                while (result.next()) {
                    Map<String, String> row = new LinkedHashMap<>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        String value;
                        if (meta.getColumnType(c) == Types.TIMESTAMP) {
                            Timestamp t = result.getTimestamp(c, utc);
                            value = t == null ? null : t.toInstant().toString();
                        } else {
                            String s = result.getString(c);
                            value = s == null ? null : s.strip();
                        }
                        row.put(meta.getColumnLabel(c).toLowerCase(java.util.Locale.ROOT), value);
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }
}
