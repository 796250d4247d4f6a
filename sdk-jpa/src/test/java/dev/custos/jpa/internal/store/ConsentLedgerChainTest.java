// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.CustosException;
import dev.custos.core.audit.ChainVerification;
import dev.custos.core.consent.ConsentEvent;
import dev.custos.core.consent.ConsentEventType;
import dev.custos.jpa.testing.DatabaseTest;
import dev.custos.jpa.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** The consent ledger's hash chain (schema version 7): what verification names, and how events get chained. */
class ConsentLedgerChainTest {

    static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

    private final SubjectKeys keys = new SubjectKeys();

    @DatabaseTest
    void anUntouchedLedgerVerifiesAndEveryEventIsChained(String database) throws Exception {
        ConsentLedger ledger = new ConsentLedger(keys);
        try (TestDatabase db = TestDatabase.migrated(database); Connection c = db.transaction()) {
            assertThat(ledger.verify(c).intact()).isTrue();
            recordFive(ledger, c);
            c.commit();

            ChainVerification result = ledger.verify(c);
            assertThat(result.intact()).isTrue();
            assertThat(result.recordsChecked()).isEqualTo(5);
            assertThat(result.verifiedHead().sequence()).isEqualTo(5);
            assertThat(count(c, "SELECT COUNT(*) FROM custos_consent_event WHERE record_hash IS NULL")).isZero();
        }
    }

    @DatabaseTest
    void instancesThatWriteInTurnAndRollBacksKeepOneChain(String database) throws Exception {
        ConsentLedger first = new ConsentLedger(keys);
        ConsentLedger second = new ConsentLedger(keys);
        try (TestDatabase db = TestDatabase.migrated(database); Connection a = db.transaction();
             Connection b = db.transaction()) {
            first.record(a, ConsentEvent.given("kari", "newsletter", T0, "n1"), "web");
            a.commit();
            second.record(b, ConsentEvent.given("ola", "newsletter", T0, "n1"), "web");
            b.commit();
            // first's remembered head is stale now, and again after a rolled-back event
            first.record(a, ConsentEvent.withdrawn("kari", "newsletter", T0.plusSeconds(1)), "web");
            a.commit();
            first.record(a, ConsentEvent.given("per", "newsletter", T0, "n1"), "web");
            a.rollback();
            first.record(a, ConsentEvent.given("liv", "newsletter", T0, "n1"), "web");
            a.commit();
            second.record(b, ConsentEvent.withdrawn("ola", "newsletter", T0.plusSeconds(2)), "web");
            b.commit();

            ChainVerification result = first.verify(a);
            assertThat(result.intact()).as("%s", result).isTrue();
            assertThat(result.recordsChecked()).isEqualTo(5);
            assertThat(first.events(a, "per")).isEmpty();
        }
    }

    @DatabaseTest
    void concurrentEventsFromOneInstanceAndFromAnotherKeepOneChain(String database) throws Exception {
        ConsentLedger shared = new ConsentLedger(keys);
        ConsentLedger other = new ConsentLedger(keys);
        try (TestDatabase db = TestDatabase.migrated(database)) {
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                List<Future<?>> writers = new ArrayList<>();
                for (int w = 0; w < 3; w++) {
                    ConsentLedger ledger = w == 2 ? other : shared;
                    String subject = "subject-" + w;
                    writers.add(pool.submit(() -> {
                        try (Connection c = db.transaction()) {
                            for (int i = 0; i < 10; i++) {
                                ledger.record(c, ConsentEvent.given(subject, "newsletter", T0.plusSeconds(i), "n"),
                                        "web");
                                c.commit();
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> writer : writers) {
                    writer.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            try (Connection c = db.transaction()) {
                ChainVerification result = shared.verify(c);
                assertThat(result.intact()).as("%s", result).isTrue();
                assertThat(result.recordsChecked()).isEqualTo(30);
            }
        }
    }

    @DatabaseTest
    void aRowInsertedBehindCustosIsNamedAtItsPlace(String database) throws Exception {
        ConsentLedger ledger = new ConsentLedger(keys);
        try (TestDatabase db = TestDatabase.migrated(database); Connection c = db.transaction()) {
            recordFive(ledger, c);
            c.commit();
            // INSERT is what the append-only triggers allow, so no DBA rights are needed for this one
            update(c, "INSERT INTO custos_consent_event (subject_ref, purpose, event_type, occurred_at, recorded_by,"
                    + " recorded_at) SELECT subject_ref, purpose, 'GIVEN', occurred_at, recorded_by, recorded_at"
                    + " FROM custos_consent_event WHERE chain_seq = 2");
            c.commit();

            ChainVerification result = ledger.verify(c);
            assertThat(result.intact()).isFalse();
            assertThat(result.firstBroken()).hasValue(6);
            assertThat(result.problem().orElseThrow().code()).isEqualTo("CUSTOS-04215");
            // and the next event does not chain the forged row: it stays exposed
            ledger.record(c, ConsentEvent.given("kari", "research", T0, "n2"), "web");
            c.commit();
            assertThat(ledger.verify(c).firstBroken()).hasValue(6);
        }
    }

    @DatabaseTest
    void rowsOfBeforeTheChainAreChainedByTheFirstEventRecorded(String database) throws Exception {
        // as after a by-hand upgrade with docs/sql, which cannot chain the rows written before version 7
        ConsentLedger ledger = new ConsentLedger(keys);
        try (TestDatabase db = TestDatabase.migrated(database); Connection c = db.transaction()) {
            // a first use that rolled back leaves neither head nor chain behind
            recordFive(ledger, c);
            c.rollback();
            for (int i = 0; i < 3; i++) {
                update(c, "INSERT INTO custos_consent_event (subject_ref, purpose, event_type, occurred_at,"
                        + " notice_version, recorded_by, recorded_at) VALUES ('" + keys.pseudonym(c, "kari")
                        + "', 'newsletter', 'GIVEN', CURRENT_TIMESTAMP, 'n" + i + "', 'web', CURRENT_TIMESTAMP)");
            }
            c.commit();
            assertThat(ledger.verify(c).problem().orElseThrow().code()).isEqualTo("CUSTOS-04215");
            assertThat(ledger.verify(c).firstBroken()).hasValue(1);

            ledger.record(c, ConsentEvent.withdrawn("kari", "newsletter", T0.plusSeconds(1)), "web");
            c.commit();

            ChainVerification result = ledger.verify(c);
            assertThat(result.intact()).as("%s", result).isTrue();
            assertThat(result.recordsChecked()).isEqualTo(4);
            assertThat(ledger.events(c, "kari")).hasSize(4);
        }
    }

    @DatabaseTest
    void aHeadPastTheLastRowShowsTheCutOffTail(String database) throws Exception {
        ConsentLedger ledger = new ConsentLedger(keys);
        try (TestDatabase db = TestDatabase.migrated(database); Connection c = db.transaction()) {
            recordFive(ledger, c);
            c.commit();
            // as if events 6 and 7 had been recorded and then deleted
            update(c, "UPDATE custos_consent_head SET last_seq = 7");
            c.commit();

            ChainVerification result = ledger.verify(c);
            assertThat(result.intact()).isFalse();
            assertThat(result.firstBroken()).hasValue(6);
            assertThat(result.problem().orElseThrow().code()).isEqualTo("CUSTOS-02307");
        }
    }

    @DatabaseTest
    void recordingOutsideATransactionIsRefused(String database) throws Exception {
        ConsentLedger ledger = new ConsentLedger(keys);
        try (TestDatabase db = TestDatabase.migrated(database); Connection c = db.connect()) {
            c.setAutoCommit(true);
            assertThatThrownBy(() -> ledger.record(c, ConsentEvent.given("kari", "newsletter", T0, "n1"), "web"))
                    .isInstanceOf(CustosException.class).hasMessageContaining("CUSTOS-04213");
            assertThat(count(c, "SELECT COUNT(*) FROM custos_consent_event")).isZero();
        }
    }

    private static void recordFive(ConsentLedger ledger, Connection c) {
        ledger.record(c, ConsentEvent.given("kari", "newsletter", T0, "notice-1"), "web");
        ledger.record(c, new ConsentEvent("kari", "research", ConsentEventType.GIVEN, T0.plusSeconds(5), "notice-1",
                Optional.of(T0.plusSeconds(86_400))), "web");
        ledger.record(c, ConsentEvent.withdrawn("kari", "newsletter", T0.plusSeconds(60)), "web");
        ledger.record(c, new ConsentEvent("kari", "research", ConsentEventType.EXPIRED, T0.plusSeconds(86_400), "",
                Optional.empty()), "sweep");
        ledger.record(c, ConsentEvent.given("ola", "newsletter", T0, "notice-1"), "web");
    }

    static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); var rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static void update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }
}
