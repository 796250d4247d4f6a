// SPDX-License-Identifier: Apache-2.0
package dev.custos.reliability;

import dev.custos.core.retention.LegalHold;
import dev.custos.jpa.store.LegalHoldStore;
import dev.custos.jpa.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;

/**
 * Rows of sdk-jpa's test entity {@code Client} (name erased one year after the last session, pack dk), seeded
 * straight into the table, and the invariants checked against them in SQL. Of every 10 rows, 7 are due
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
     * (should be 0). The audit names the row by the subject's pseudonym, which the erasure log keeps too.
     */
    static long wrongErasures(TestDatabase db) throws SQLException {
        return count(db, "SELECT COUNT(*) FROM Client WHERE clientId NOT LIKE 'due-%' AND (name IS NULL"
                + " OR clientId IN (SELECT entity_id FROM custos_erasure_log))")
                + count(db, "SELECT COUNT(*) FROM custos_audit_record WHERE action = 'ERASE' AND entity_id NOT IN"
                + " (SELECT subject_ref FROM custos_erasure_log WHERE entity_id LIKE 'due-%')");
    }

    /** Due rows still holding data, or erased without a log entry or an ERASE audit record (should be 0). */
    static long missedErasures(TestDatabase db) throws SQLException {
        return count(db, "SELECT COUNT(*) FROM Client WHERE clientId LIKE 'due-%' AND (name IS NOT NULL"
                + " OR clientId NOT IN (SELECT entity_id FROM custos_erasure_log))")
                + count(db, "SELECT COUNT(*) FROM custos_erasure_log WHERE subject_ref NOT IN"
                + " (SELECT entity_id FROM custos_audit_record WHERE action = 'ERASE' AND entity_id IS NOT NULL)");
    }

    /** Rows logged more than once plus rows audited more than once (should be 0). */
    static long duplicates(TestDatabase db) throws SQLException {
        return count(db, "SELECT COUNT(*) FROM (SELECT entity_id FROM custos_erasure_log"
                + " GROUP BY entity_name, entity_id, rule_id HAVING COUNT(*) > 1) d")
                + count(db, "SELECT COUNT(*) FROM (SELECT entity_id FROM custos_audit_record WHERE action = 'ERASE'"
                + " GROUP BY entity_name, entity_id, detail HAVING COUNT(*) > 1) d");
    }

    static long count(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
