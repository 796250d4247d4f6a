// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.jpa.testing.DatabaseTest;
import dev.custos.jpa.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * The database itself refuses UPDATE, DELETE and TRUNCATE on the append-only tables, whoever sends them:
 * these tests use plain SQL, bypassing every Custos store.
 */
class AppendOnlyTest {

    private static final String HASH = "0".repeat(64);

    static void insertRows(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO custos_audit_record (chain_id, record_seq, occurred_at, actor, action, outcome,"
                    + " previous_hash, record_hash) VALUES (1, 1, {ts '2024-01-01 00:00:00'}, 'clerk', 'READ',"
                    + " 'DONE', '" + HASH + "', '" + HASH + "')");
            s.executeUpdate("INSERT INTO custos_consent_event (subject_ref, purpose, event_type, occurred_at,"
                    + " notice_version, recorded_by, recorded_at) VALUES ('ps1:00', 'newsletter', 'GIVEN',"
                    + " {ts '2024-01-01 00:00:00'}, 'v1', 'web', {ts '2024-01-01 00:00:00'})");
            s.executeUpdate("INSERT INTO custos_erasure_log (run_id, entity_name, entity_id, attributes, strategy,"
                    + " rule_id, due_at, erased_at) VALUES ('run-1', 'Patient', '7', 'name', 'NULLIFY', 'journal',"
                    + " {ts '2024-01-01 00:00:00'}, {ts '2024-01-02 00:00:00'})");
            s.executeUpdate("INSERT INTO custos_request (request_id, subject_ref, request_type, state, received_at,"
                    + " zone_id, deadline_at, deadline_basis, version) VALUES ('r-1', 'ps1:00', 'ACCESS', 'RECEIVED',"
                    + " {ts '2024-01-01 00:00:00'}, 'UTC', {ts '2024-02-02 00:00:00'}, 'GDPR Art. 12(3)', 1)");
            s.executeUpdate("INSERT INTO custos_request_transition (request_id, transition_seq, from_state, to_state,"
                    + " occurred_at, actor) VALUES ('r-1', 1, 'RECEIVED', 'IDENTITY_VERIFIED',"
                    + " {ts '2024-01-02 00:00:00'}, 'clerk')");
        }
    }

    @DatabaseTest
    void auditRecordsCannotBeUpdatedDeletedOrTruncated(String database) throws Exception {
        assertAppendOnly(database, "custos_audit_record", "actor = 'forger'");
    }

    @DatabaseTest
    void consentEventsCannotBeUpdatedDeletedOrTruncated(String database) throws Exception {
        assertAppendOnly(database, "custos_consent_event", "purpose = 'marketing'");
    }

    @DatabaseTest
    void erasureLogCannotBeUpdatedDeletedOrTruncated(String database) throws Exception {
        assertAppendOnly(database, "custos_erasure_log", "strategy = 'DELETE'");
    }

    @DatabaseTest
    void requestTransitionsCannotBeUpdatedDeletedOrTruncated(String database) throws Exception {
        assertAppendOnly(database, "custos_request_transition", "actor = 'forger'");
    }

    @DatabaseTest
    void insertsAreAllowed(String database) throws Exception {
        try (TestDatabase db = TestDatabase.migrated(database); Connection c = db.connect()) {
            insertRows(c);
            assertThat(count(c, "custos_audit_record")).isEqualTo(1);
            assertThat(count(c, "custos_consent_event")).isEqualTo(1);
        }
    }

    private static void assertAppendOnly(String database, String table, String assignment) throws Exception {
        try (TestDatabase db = TestDatabase.migrated(database); Connection c = db.connect()) {
            insertRows(c);
            // PostgreSQL: the trigger's CUSTOS-04010 text with the table's name (SQLState 55000), for TRUNCATE too.
            // MariaDB: the triggers' same text (SQLState 45000); TRUNCATE fires no trigger there and is stopped by
            // the foreign key <table>_no_truncate (SQLState 42000). Derby: the CHECK constraint
            // <table>_is_append_only (23513), and for TRUNCATE the table with SQLState XCL48.
            String upper = table.toUpperCase(Locale.ROOT);
            String text = "CUSTOS-04010: " + table + " is append-only";
            String refusal = db.isPostgresql() || db.isMariadb() ? text : upper + "_IS_APPEND_ONLY";
            String state = db.isPostgresql() ? "55000" : db.isMariadb() ? "45000" : "23513";
            String truncateRefusal = db.isPostgresql() ? text : db.isMariadb() ? table + "_no_truncate" : upper;
            String truncateState = db.isPostgresql() ? "55000" : db.isMariadb() ? "42000" : "XCL48";

            assertThatThrownBy(() -> execute(c, "UPDATE " + table + " SET " + assignment))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(state))
                    .hasMessageContaining(refusal);
            assertThatThrownBy(() -> execute(c, "DELETE FROM " + table))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(state))
                    .hasMessageContaining(refusal);
            assertThatThrownBy(() -> execute(c, "TRUNCATE TABLE " + table))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState())
                            .isEqualTo(truncateState))
                    .hasMessageContaining(truncateRefusal);
            assertThat(count(c, table)).isEqualTo(1);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
