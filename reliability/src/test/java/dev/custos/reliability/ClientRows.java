// SPDX-License-Identifier: Apache-2.0
package dev.custos.reliability;

import dev.custos.core.retention.LegalHold;
import dev.custos.jpa.internal.store.EntityIdList;
import dev.custos.jpa.internal.store.LegalHoldStore;
import dev.custos.jpa.internal.store.SubjectKeys;
import dev.custos.jpa.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rows of sdk-jpa's test entity {@code Client} (name erased one year after the last session, pack dk), seeded
 * straight into the table, and the invariants checked against them. Of every 10 rows, 7 are due
 * ({@code due-N}), 2 are not due yet ({@code young-N}) and 1 is due but under a legal hold ({@code held-N}).
 */
final class ClientRows {

    /** The sweeps' "now": 2025-03-16. */
    static final Instant NOW = Instant.parse("2025-03-16T12:00:00Z");

    private ClientRows() {
    }

    static String id(int i) {
        int kind = i % 10;
        return (kind < 7 ? "due-" : kind < 9 ? "young-" : "held-") + i;
    }

    /** Inserts {@code rows} clients (schema created by the JPA provider) and places the legal holds. */
    static void seed(TestDatabase db, int rows) throws SQLException {
        try (Connection c = db.transaction()) {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO Client (clientId, lastSession, name, email) VALUES (?, ?, ?, NULL)")) {
                for (int i = 0; i < rows; i++) {
                    String id = id(i);
                    insert.setString(1, id);
                    insert.setDate(2, Date.valueOf(id.startsWith("young-") ? "2025-01-10" : "2023-06-01"));
                    insert.setString(3, "Name " + i);
                    insert.addBatch();
                    if (i % 1000 == 999) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            LegalHoldStore holds = new LegalHoldStore();
            for (int i = 9; i < rows; i += 10) {
                holds.place(c, id(i), Optional.empty(), Optional.empty(), new LegalHold("hold-" + i,
                        "complaint-pending", NOW.minusSeconds(86_400), Optional.empty(), "reliability", ""));
            }
            c.commit();
        }
    }

    static long due(int rows) {
        return rows / 10 * 7L + Math.min(rows % 10, 7);
    }

    /**
     * Not-due or held rows that were erased or logged, plus ERASE audit records that belong to no logged due row
     * (should be 0). The erasure log and the audit name a Client row by its subject's pseudonym (the row's id is
     * the subject's), so rows are matched to log entries through the subjects' pseudonym keys.
     */
    static long wrongErasures(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            Map<String, String> names = column(c, "SELECT clientId, name FROM Client");
            Map<String, String> refs = new SubjectKeys(Clock.systemUTC()).existingPseudonyms(c, names.keySet());
            Set<String> logged = new HashSet<>(column(c, "SELECT entity_id, entity_id FROM custos_erasure_log"
                    + " WHERE entity_name = 'Client'").keySet());
            Set<String> loggedDue = new HashSet<>();
            long wrong = 0;
            for (Map.Entry<String, String> row : names.entrySet()) {
                boolean isLogged = logged.contains(row.getKey()) || logged.contains(refs.get(row.getKey()));
                if (!row.getKey().startsWith("due-") && (row.getValue() == null || isLogged)) {
                    wrong++;
                }
                if (row.getKey().startsWith("due-") && isLogged) {
                    loggedDue.add(refs.getOrDefault(row.getKey(), row.getKey()));
                }
            }
            for (String audited : listedErasures(c)) {
                if (!loggedDue.contains(audited)) {
                    wrong++;
                }
            }
            return wrong;
        }
    }

    /** Due rows still holding data, or erased without a log entry or an ERASE audit record (should be 0). */
    static long missedErasures(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            Map<String, String> names = column(c, "SELECT clientId, name FROM Client WHERE clientId LIKE 'due-%'");
            Map<String, String> refs = new SubjectKeys(Clock.systemUTC()).existingPseudonyms(c, names.keySet());
            Set<String> logged = new HashSet<>(column(c, "SELECT entity_id, entity_id FROM custos_erasure_log"
                    + " WHERE entity_name = 'Client'").keySet());
            long missed = 0;
            for (Map.Entry<String, String> row : names.entrySet()) {
                if (row.getValue() != null
                        || !logged.contains(row.getKey()) && !logged.contains(refs.get(row.getKey()))) {
                    missed++;
                }
            }
            Set<String> audited = new HashSet<>(listedErasures(c));
            for (String ref : values(c, "SELECT subject_ref FROM custos_erasure_log")) {
                if (!audited.contains(ref)) {
                    missed++;
                }
            }
            return missed;
        }
    }

    /**
     * The rows the ERASE records list, a row once for each time it is listed: a sweep's record lists the ids of its
     * subject's rows in one batch ({@link EntityIdList}); a Client row is named by its subject's pseudonym.
     */
    static List<String> listedErasures(Connection c) throws SQLException {
        return listedErasures(c, false);
    }

    /** As {@link #listedErasures(Connection)}, each id after its record's entity name and a slash if {@code named}. */
    static List<String> listedErasures(Connection c, boolean named) throws SQLException {
        List<String> listed = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT entity_name, entity_id"
                + " FROM custos_audit_record WHERE action = 'ERASE'")) {
            while (rs.next()) {
                String prefix = named ? rs.getString(1) + "/" : "";
                EntityIdList.ids(rs.getString(2)).forEach(id -> listed.add(prefix + id));
            }
        }
        return listed;
    }

    /** The rows the ERASE records list, each time it is listed. */
    static long listedErasures(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            return listedErasures(c).size();
        }
    }

    /** The first column's values, duplicates kept. */
    private static List<String> values(Connection c, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    /** The first column's values mapped to the second's (null kept), in no particular order. */
    private static Map<String, String> column(Connection c, String sql) throws SQLException {
        Map<String, String> values = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.put(rs.getString(1), rs.getString(2));
            }
        }
        return values;
    }

    /**
     * Listings of rows in ERASE records beyond each row's first (should be 0). The erasure log needs no such check:
     * its unique key (entity, row, attributes, rule) refuses a second entry, and a row's ERASE listing belongs to
     * its one rule here. Every record here is of Client.
     */
    static long duplicateAudits(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            List<String> listed = listedErasures(c);
            return listed.size() - new HashSet<>(listed).size();
        }
    }

    static long count(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect()) {
            return count(c, sql);
        }
    }

    /** The first column of the first row of {@code sql}: a count. */
    static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
