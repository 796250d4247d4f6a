// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.CustosException;
import dev.custos.jpa.testing.DatabaseTest;
import dev.custos.jpa.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

class ErasureLogTest {

    static final Instant DUE = Instant.parse("2024-01-01T00:00:00Z");

    private final ErasureLog log = new ErasureLog();

    static ErasureEntry entry(String run, String id, List<String> attributes) {
        return new ErasureEntry(run, "JournalEntry", id, attributes, "NULLIFY", "policy:journal", DUE,
                DUE.plusSeconds(3600), Optional.of("ps1:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
    }

    @DatabaseTest
    void anErasureIsLoggedOnceOnly(String database) throws Exception {
        try (TestDatabase db = TestDatabase.migrated(database); Connection c = db.transaction()) {
            assertThat(log.logOnce(c, entry("run-1", "42", List.of("note", "diagnosis")))).isTrue();
            // the same erasure from a second run, attributes listed in another order
            assertThat(log.logOnce(c, entry("run-2", "42", List.of("diagnosis", "note")))).isFalse();
            // the caller's transaction is still usable after the refused insert (PostgreSQL would abort it)
            assertThat(log.logOnce(c, entry("run-2", "43", List.of("note")))).isTrue();
            c.commit();

            assertThat(log.forRun(c, "run-1")).containsExactly(entry("run-1", "42", List.of("diagnosis", "note")));
            assertThat(log.forRun(c, "run-2")).containsExactly(entry("run-2", "43", List.of("note")));
        }
    }

    /** The sweep refreshes the log's planner statistics as it grows: on PostgreSQL they exist afterwards. */
    @DatabaseTest
    void refreshingStatisticsAnalysesTheLogOnPostgresqlAndIsHarmlessElsewhere(String database) throws Exception {
        try (TestDatabase db = TestDatabase.migrated(database); Connection c = db.transaction()) {
            List<ErasureEntry> entries = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                entries.add(entry("run-1", Integer.toString(i), List.of("note")));
            }
            assertThat(log.logAll(c, entries)).isTrue();
            c.commit();
            log.refreshStatistics(c);
            c.commit();
            if (database.equals("postgresql")) {
                try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(
                        "SELECT reltuples FROM pg_class WHERE oid = 'custos_erasure_log'::regclass")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getFloat(1)).as("rows counted by ANALYZE (-1: never analysed)").isEqualTo(120f);
                }
            }
            assertThat(log.loggedIds(c, "JournalEntry", "policy:journal", List.of("note"), List.of("7", "x")))
                    .containsExactly("7");
        }
    }

    @DatabaseTest
    void logsABatchAndFindsItAgainByIds(String database) throws Exception {
        try (TestDatabase db = TestDatabase.migrated(database); Connection c = db.transaction()) {
            List<ErasureEntry> entries = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 230; i++) { // more than one batch and one look-up
                entries.add(entry("run-1", Integer.toString(i), List.of("note")));
                ids.add(Integer.toString(i));
            }
            assertThat(log.logAll(c, entries)).isTrue();
            assertThat(log.logAll(c, List.of())).isTrue();
            c.commit();

            ids.add("unlogged");
            assertThat(log.loggedIds(c, "JournalEntry", "policy:journal", List.of("note"), ids))
                    .hasSize(230).doesNotContain("unlogged");
            assertThat(log.loggedIds(c, "JournalEntry", "policy:journal", List.of("diagnosis"), ids)).isEmpty();
            assertThat(log.forRun(c, "run-1")).containsExactlyElementsOf(entries);
        }
    }

    @DatabaseTest
    void aBatchHoldingALoggedErasureIsRefused(String database) throws Exception {
        try (TestDatabase db = TestDatabase.migrated(database); Connection c = db.transaction()) {
            assertThat(log.logOnce(c, entry("run-1", "42", List.of("note")))).isTrue();
            c.commit();
            assertThat(log.logAll(c, List.of(entry("run-2", "41", List.of("note")),
                    entry("run-2", "42", List.of("note"))))).isFalse();
            c.rollback();
            assertThat(log.forRun(c, "run-2")).isEmpty();
        }
    }

    @DatabaseTest
    void worksInAutoCommitModeToo(String database) throws Exception {
        try (TestDatabase db = TestDatabase.migrated(database); Connection c = db.connect()) {
            assertThat(log.logOnce(c, entry("run-1", "42", List.of("*")))).isTrue();
            assertThat(log.logOnce(c, entry("run-1", "42", List.of("*")))).isFalse();
        }
    }

    @DatabaseTest
    void refusesAttributeNamesThatWouldNotReadBack(String database) throws Exception {
        try (TestDatabase db = TestDatabase.migrated(database); Connection c = db.transaction()) {
            assertThatThrownBy(() -> log.logOnce(c, entry("run-1", "42", List.of("a,b"))))
                    .isInstanceOfSatisfying(CustosException.class,
                            e -> assertThat(e.messageId()).isEqualTo("CUSTOS-04203"));
        }
    }
}
