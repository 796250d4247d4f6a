// SPDX-License-Identifier: Apache-2.0
package dev.custos.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.custos.core.audit.ChainVerification;
import dev.custos.core.audit.Checkpoint;
import dev.custos.jpa.internal.store.AuditTrail;
import dev.custos.jpa.testing.DatabaseTest;
import dev.custos.jpa.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every query of docs/auditor-guide.md, exactly as written there, on the history {@link AuditScenario}
 * makes with the real SDK, and checks the answers the guide gives. Runs once per configured database
 * ({@code -Ppostgresql} adds PostgreSQL to Derby).
 */
class AuditorGuideTest {

    private static final Instant JAN_2024 = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant JAN_2025 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant FEB_2025 = Instant.parse("2025-02-01T00:00:00Z");
    private static final Instant MAR_2025 = Instant.parse("2025-03-01T00:00:00Z");

    private static GuideQueries guide() throws Exception {
        return new GuideQueries(DocFiles.projectRoot().resolve(Path.of("docs", "auditor-guide.md")));
    }

    @Test
    void everySqlBlockIsANamedQuery() throws Exception {
        GuideQueries guide = guide();
        assertThat(guide.all()).hasSize(guide.blocks()).hasSizeGreaterThanOrEqualTo(15);
    }

    /** The guide's way to query embedded Derby: an online backup, opened as a database of its own. */
    @Test
    void aCopyOfARunningDerbyDatabaseAnswersTheGuidesQueries(@TempDir Path backups) throws Exception {
        String call = "CALL SYSCS_UTIL.SYSCS_BACKUP_DATABASE('/var/backups/custos')";
        assertThat(Files.readString(DocFiles.projectRoot().resolve(Path.of("docs", "auditor-guide.md"))))
                .contains(call);
        GuideQueries guide = guide();
        try (AuditScenario clinic = new AuditScenario(TestDatabase.DERBY); Connection c = clinic.db.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute(call.replace("/var/backups/custos", backups.toString()));
            }
            Path copy;
            try (var dirs = Files.list(backups)) {
                copy = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
            }
            Map<String, Object> ada2024 = Map.of("subject_ref", clinic.pseudonym("c1"), "from", JAN_2024,
                    "to", JAN_2025);
            String sql = guide.get("journal-readers").sql();
            try (Connection onCopy = DriverManager.getConnection("jdbc:derby:" + copy)) {
                assertThat(GuideQueries.run(onCopy, sql, ada2024)).hasSize(2)
                        .isEqualTo(GuideQueries.run(c, sql, ada2024));
            } finally {
                try {
                    DriverManager.getConnection("jdbc:derby:" + copy + ";shutdown=true").close();
                } catch (SQLException shutDown) {
                    // Derby reports a database shut down as an exception (SQLState 08006)
                }
            }
        }
    }

    @DatabaseTest
    void everyQueryGivesTheAnswerTheGuideStates(String database) throws Exception {
        GuideQueries guide = guide();
        Set<String> ran = new HashSet<>();
        try (AuditScenario clinic = new AuditScenario(database); Connection c = clinic.db.connect()) {
            String ada = clinic.pseudonym("c1");
            String bo = clinic.pseudonym("c2");
            Query q = new Query(guide, c, database, ran);

            assertThat(q.run("pseudonym-from-requests", Map.of("subject_id", "c1")))
                    .extracting(r -> r.get("subject_ref")).containsExactly(ada);
            if (database.equals(TestDatabase.POSTGRESQL)) {
                try (Statement s = c.createStatement()) {
                    // the guide asks the database owner for pgcrypto; the test's schema is not on the search path
                    s.execute("CREATE EXTENSION IF NOT EXISTS pgcrypto SCHEMA public");
                    s.execute("SET search_path TO " + c.getSchema() + ", public");
                }
                assertThat(q.run("pseudonym-computed", Map.of("subject_id", "c2")))
                        .extracting(r -> r.get("subject_ref")).containsExactly(bo);
                assertThat(q.run("person-of-pseudonym", Map.of("subject_ref", ada)))
                        .extracting(r -> r.get("subject_id")).containsExactly("c1");
            }

            List<Map<String, String>> evidence = q.run("evidence-by-pseudonym", Map.of("subject_ref", ada));
            assertThat(evidence).extracting(r -> r.get("source").strip(), r -> r.get("records"))
                    .contains(tuple("erasure log", "3"), tuple("restrictions", "0"), tuple("legal holds", "0"));
            assertThat(evidence).filteredOn(r -> !r.get("records").equals("0")).hasSize(4);

            Map<String, Object> ada2024 = Map.of("subject_ref", ada, "from", JAN_2024, "to", JAN_2025);
            assertThat(q.run("journal-readers", ada2024))
                    .extracting(r -> r.get("actor"), r -> r.get("occurred_at"), r -> r.get("action"),
                            r -> r.get("outcome"), r -> r.get("purpose"))
                    .containsExactly(
                            tuple("dr.holm", "2024-03-10T10:00:00Z", "READ", "PERMITTED", "treatment"),
                            tuple("dr.lund", "2024-05-20T10:00:00Z", "READ", "PERMITTED", "treatment"));
            String entry = Long.toString(clinic.adaJournal);
            assertThat(q.run("entry-readers", Map.of("subject_ref", ada, "entity_id", entry, "first", entry + ",%",
                    "middle", "%," + entry + ",%", "last", "%," + entry)))
                    .extracting(r -> r.get("actor"), r -> r.get("entity_id"))
                    .containsExactly(tuple("dr.ask", entry), tuple("dr.holm", entry), tuple("dr.lund", entry));
            // the same answer with the values written into the query, as the guide says one may
            assertThat(GuideQueries.run(c, GuideQueries.inline(guide.get("journal-readers").sql(), ada2024),
                    Map.of())).isEqualTo(q.run("journal-readers", ada2024));
            // the journal reads, the masked e-mail address on the client record each read loaded, the consents
            assertThat(q.run("subject-history", ada2024))
                    .extracting(r -> r.get("chain_id"), r -> r.get("actor"), r -> r.get("action"),
                            r -> r.get("entity_name"), r -> r.get("purpose"))
                    .containsExactly(tuple("2", "dr.holm", "READ", "JournalEntry", "treatment"),
                            tuple("2", "dr.holm", "READ_MASKED", "Client", "treatment"),
                            tuple("2", "dr.lund", "READ", "JournalEntry", "treatment"),
                            tuple("2", "dr.lund", "READ_MASKED", "Client", "treatment"),
                            tuple("1", "portal", "CONSENT_GIVEN", null, "newsletter"),
                            tuple("1", "portal", "CONSENT_GIVEN", null, "research"));
            assertThat(q.run("consent-now", Map.of("subject_ref", ada)))
                    .extracting(r -> r.get("purpose"), r -> r.get("event_type"), r -> r.get("occurred_at"))
                    .containsExactly(tuple("newsletter", "WITHDRAWN", "2025-01-20T09:30:00Z"),
                            tuple("research", "WITHDRAWN", "2025-01-20T09:30:00Z"));

            assertThat(q.run("consent-evidence", Map.of("subject_ref", ada)))
                    .extracting(r -> r.get("purpose"), r -> r.get("evidence_form"), r -> r.get("evidence_ref"),
                            r -> r.get("evidence_date"), r -> r.get("age_band"), r -> r.get("parental_auth_ref"))
                    .containsExactly(tuple("newsletter", "ELECTRONIC", "signup-form-v2", "2024-06-01", "18+", null),
                            tuple("research", null, null, null, null, null));

            Map<String, Object> january = Map.of("from", JAN_2025, "to", FEB_2025);
            assertThat(q.run("consent-withdrawals", january))
                    .extracting(r -> r.get("subject_ref"), r -> r.get("purpose"), r -> r.get("occurred_at"),
                            r -> r.get("recorded_by"))
                    .containsExactly(
                            tuple(ada, "newsletter", "2025-01-20T09:30:00Z", "custos-request-executor"),
                            tuple(ada, "research", "2025-01-20T09:30:00Z", "custos-request-executor"));
            assertThat(q.run("erased-after-withdrawal", january))
                    .extracting(r -> r.get("subject_ref"), r -> r.get("entity_name"), r -> r.get("attributes"),
                            r -> r.get("strategy"), r -> r.get("rule_id"), r -> r.get("erased_at"))
                    .containsExactlyInAnyOrder(
                            tuple(ada, "Client", "email", "NULLIFY", "request:" + AuditScenario.ADA_WITHDRAWAL,
                                    "2025-01-20T09:30:00Z"),
                            tuple(ada, "Questionnaire", "answers", "NULLIFY",
                                    "request:" + AuditScenario.ADA_WITHDRAWAL, "2025-01-20T09:30:00Z"),
                            tuple(ada, "JournalEntry", "note", "NULLIFY", "journal", "2025-02-15T02:00:00Z"));

            Map<String, Object> now = Map.of("now", AuditScenario.NOW);
            assertThat(q.run("overdue-requests", now))
                    .extracting(r -> r.get("request_id"), r -> r.get("request_type"), r -> r.get("state"),
                            r -> r.get("due"))
                    .containsExactly(tuple(AuditScenario.CY_ACCESS, "ACCESS", "IDENTITY_VERIFIED",
                            "2025-02-05T23:00:00Z"));
            assertThat(q.run("late-answers", Map.of()))
                    .extracting(r -> r.get("request_id"), r -> r.get("due"), r -> r.get("to_state"),
                            r -> r.get("answered_at"))
                    .containsExactly(tuple(AuditScenario.BO_ACCESS, "2024-12-01T23:00:00Z", "COMPLETED",
                            "2024-12-15T09:00:00Z"));
            assertThat(q.run("request-history", Map.of("request_id", AuditScenario.ADA_WITHDRAWAL)))
                    .extracting(r -> r.get("to_state"), r -> r.get("actor"))
                    .containsExactly(tuple("IDENTITY_VERIFIED", "front-desk"),
                            tuple("IN_PROGRESS", "custos-request-executor"),
                            tuple("COMPLETED", "custos-request-executor"));

            assertThat(q.run("holds-in-force", now))
                    .extracting(r -> r.get("hold_id"), r -> r.get("subject_id"), r -> r.get("entity_name"),
                            r -> r.get("entity_id"), r -> r.get("reason_id"), r -> r.get("placed_by"),
                            r -> r.get("note"))
                    .containsExactly(tuple("hold-2025-17", "c2", "JournalEntry", null, "complaint-pending",
                            "legal-dept", "Complaint to the board, case 2025-17"));
            assertThat(q.run("holds-in-force", Map.of("now", Instant.parse("2025-01-09T00:00:00Z")))).isEmpty();
            assertThat(q.run("restrictions-in-force", Map.of()))
                    .extracting(r -> r.get("subject_id"), r -> r.get("request_id"), r -> r.get("placed_at"))
                    .containsExactly(tuple("c2", AuditScenario.BO_RESTRICTION, "2025-01-12T09:00:00Z"));

            Map<String, Object> february = Map.of("from", FEB_2025, "to", MAR_2025);
            assertThat(q.run("sweep-erasures", february))
                    .extracting(r -> r.get("run_id"), r -> r.get("entity_name"), r -> r.get("entity_id"),
                            r -> r.get("attributes"), r -> r.get("strategy"), r -> r.get("rule_id"),
                            r -> r.get("due_at"), r -> r.get("erased_at"), r -> r.get("subject_ref"))
                    .containsExactly(tuple(clinic.sweep.runId(), "JournalEntry", Long.toString(clinic.adaJournal),
                            "note", "NULLIFY", "journal", "2024-06-01T21:59:59.999999Z", "2025-02-15T02:00:00Z",
                            ada));
            assertThat(q.run("sweep-erasures", january)).isEmpty(); // the request's erasures are not the sweep's
            assertThat(q.run("sweep-erasures-by-rule", february))
                    .extracting(r -> r.get("rule_id"), r -> r.get("entity_name"), r -> r.get("strategy"),
                            r -> r.get("erased"))
                    .containsExactly(tuple("journal", "JournalEntry", "NULLIFY", "1"));
            // a person's erasures by the one indexed query; each sweep row lists the records its batch erased of her
            assertThat(q.run("erased-records-of-person", Map.of("subject_ref", ada)))
                    .extracting(r -> r.get("actor"), r -> r.get("entity_name"), r -> r.get("entity_id"),
                            r -> r.get("field_names"))
                    .containsExactly(tuple("custos-request-executor", "Client", ada, "email"),
                            tuple("custos-request-executor", "Questionnaire", "1", "answers"),
                            tuple("system:sweeper", "JournalEntry", Long.toString(clinic.adaJournal), "note"));

            // the heads an auditor writes down, and the check that the chain still reaches them
            Checkpoint writes = head(c, 1);
            Checkpoint reads = head(c, 2);
            assertThat(q.run("chain-heads", Map.of()))
                    .extracting(r -> r.get("chain_id"), r -> r.get("last_seq"), r -> r.get("last_hash"))
                    .containsExactly(tuple("1", Long.toString(writes.sequence()), writes.hash()),
                            tuple("2", Long.toString(reads.sequence()), reads.hash()))
                    .hasSize(2);
            assertThat(reads.sequence()).isEqualTo(8);
            assertThat(q.run("kept-head", Map.of("chain_id", 2L, "kept_seq", reads.sequence())))
                    .extracting(r -> r.get("record_hash")).containsExactly(reads.hash());
            assertThat(q.run("chain-head-mismatch", Map.of())).isEmpty();
            assertThat(q.run("chain-broken-links", Map.of())).isEmpty();
            assertThat(verify(c, 1).intact()).isTrue();
            assertThat(verify(c, 2).intact()).isTrue();
            // A row added behind Custos' back, linked to nothing: the one change the database lets through.
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO custos_audit_record (chain_id, record_seq, occurred_at, actor, action,"
                        + " outcome, previous_hash, record_hash) SELECT 2, last_seq + 1, updated_at, 'intruder',"
                        + " 'READ', 'PERMITTED', '" + "1".repeat(64) + "', '" + "2".repeat(64) + "'"
                        + " FROM custos_audit_head WHERE chain_id = 2");
            }
            assertThat(q.run("chain-head-mismatch", Map.of()))
                    .extracting(r -> r.get("chain_id"), r -> r.get("last_seq"), r -> r.get("records"),
                            r -> r.get("last_record"))
                    .containsExactly(tuple("2", "8", "9", "9"));
            assertThat(q.run("chain-broken-links", Map.of()))
                    .extracting(r -> r.get("chain_id"), r -> r.get("record_seq"), r -> r.get("actor"))
                    .containsExactly(tuple("2", "9", "intruder"));
            ChainVerification tampered = verify(c, 2);
            assertThat(tampered.intact()).isFalse();
            assertThat(tampered.firstBroken()).hasValue(9);
        }
        Set<String> expected = new HashSet<>();
        guide.all().values().stream()
                .filter(query -> query.database().map(database::equals).orElse(true))
                .forEach(query -> expected.add(query.name()));
        assertThat(ran).as("queries of the guide run on %s", database).isEqualTo(expected);
    }

    private static Checkpoint head(Connection connection, int chain) {
        return new AuditTrail(chain, java.time.Clock.systemUTC()).head(connection);
    }

    private static ChainVerification verify(Connection connection, int chain) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            return new AuditTrail(chain, java.time.Clock.systemUTC()).verify(connection);
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Runs the guide's queries by name on one connection, remembering which ran. */
    private record Query(GuideQueries guide, Connection connection, String database, Set<String> ran) {
        List<Map<String, String>> run(String name, Map<String, Object> values) throws SQLException {
            GuideQueries.Query query = guide.get(name);
            assertThat(query.database()).as("%s runs on %s", name, database)
                    .satisfiesAnyOf(d -> assertThat(d).isEmpty(), d -> assertThat(d).hasValue(database));
            ran.add(name);
            return GuideQueries.run(connection, query.sql(), new HashMap<>(values));
        }
    }
}
