// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.audit.AuditAction;
import dev.custos.core.audit.AuditEvent;
import dev.custos.core.audit.AuditOutcome;
import dev.custos.core.audit.ChainVerification;
import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.internal.store.AuditPartitionStore;
import dev.custos.jpa.internal.store.AuditTrail;
import dev.custos.jpa.schema.CustosSchema;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit trail partitioned by month on PostgreSQL (schema version 13): the upgrade of a populated trail, partitions
 * created ahead by several starters at once, and partitions created at a unit's start. Issue 22.
 */
class AuditPartitionsTest {

    static final Instant NOW = Instant.parse("2026-12-06T09:30:00Z");

    @BeforeEach
    void postgresqlOnly() {
        Assumptions.assumeTrue(TestDatabase.configured().anyMatch(TestDatabase.POSTGRESQL::equals),
                "the audit trail is partitioned on PostgreSQL only");
    }

    static AuditEvent read(String subjectRef, Instant at) {
        return new AuditEvent(at, "dr.hansen", subjectRef, AuditAction.READ, "JournalEntry", "42", List.of("note"),
                "treatment", "GDPR Art. 9(2)(h)", AuditOutcome.PERMITTED, "");
    }

    /** Appends one record to {@code chain} for each instant, in one transaction. */
    static void append(TestDatabase db, int chain, Instant... at) throws SQLException {
        AuditTrail trail = new AuditTrail(chain, Clock.fixed(NOW, ZoneOffset.UTC));
        try (Connection c = db.transaction()) {
            for (Instant instant : at) {
                trail.append(c, read("ps1:0123456789abcdef0123456789abcdef", instant));
            }
            c.commit();
        }
    }

    static List<String> partitionsOf(Connection c) throws SQLException {
        return List.copyOf(new AuditPartitionStore().partitions(c).values());
    }

    static long count(Connection c, String sql) throws SQLException {
        try (Statement statement = c.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void upgradingAPopulatedVersion12TrailKeepsEveryRecordInItsMonthAndTheChainsVerifiable() throws Exception {
        try (TestDatabase db = TestDatabase.empty(TestDatabase.POSTGRESQL)) {
            CustosSchema.migrateTo(db.dataSource(), 12);
            append(db, 1, Instant.parse("2024-01-31T23:59:59.999999Z"), Instant.parse("2024-02-01T00:00:00Z"),
                    Instant.parse("2024-04-15T12:00:00Z"));
            // a late record: its event lies in an earlier month than the record before it
            append(db, 1, Instant.parse("2024-02-10T08:00:00Z"));
            append(db, 2, Instant.parse("2024-04-01T00:00:00Z"), Instant.parse("2024-04-02T00:00:00Z"));
            try (Connection c = db.transaction(); Statement statement = c.createStatement()) {
                statement.execute("GRANT SELECT ON custos_audit_record TO PUBLIC");
                c.commit();
            }

            CustosSchema.migrate(db.dataSource());

            try (Connection c = db.transaction()) {
                assertThat(partitionsOf(c)).containsExactly("custos_audit_record_p202401",
                        "custos_audit_record_p202402", "custos_audit_record_p202404");
                assertThat(count(c, "SELECT COUNT(*) FROM custos_audit_record")).isEqualTo(6);
                assertThat(count(c, "SELECT COUNT(*) FROM custos_audit_record_p202402")).isEqualTo(2);
                assertThat(count(c, "SELECT COUNT(*) FROM custos_audit_record_default")).isZero();
                assertThat(count(c, "SELECT COUNT(*) FROM information_schema.role_table_grants WHERE table_schema"
                        + " = current_schema() AND table_name = 'custos_audit_record' AND grantee = 'PUBLIC' AND privilege_type = 'SELECT'"))
                        .as("grants carry over").isEqualTo(1);
                for (int chain : List.of(1, 2)) {
                    ChainVerification verified = new AuditTrail(chain, Clock.systemUTC()).verify(c);
                    assertThat(verified.intact()).as("chain %s", chain).isTrue();
                }
                assertThat(new AuditTrail(1, Clock.systemUTC()).verify(c).recordsChecked()).isEqualTo(4);
                // still append-only, on the table and on each partition
                for (String refused : List.of("DELETE FROM custos_audit_record",
                        "UPDATE custos_audit_record_p202401 SET actor = 'x'", "TRUNCATE custos_audit_record_p202404",
                        "TRUNCATE custos_audit_record_default", "TRUNCATE custos_audit_record")) {
                    assertThatThrownBy(() -> execute(c, refused)).as(refused).isInstanceOf(SQLException.class)
                            .hasMessageContaining("CUSTOS-04010");
                    c.rollback();
                }
                // the chains go on, into the partitions or the default one
                c.commit();
            }
            append(db, 1, Instant.parse("2024-04-20T00:00:00Z"), Instant.parse("2031-01-01T00:00:00Z"));
            try (Connection c = db.transaction()) {
                assertThat(new AuditTrail(1, Clock.systemUTC()).verify(c).recordsChecked()).isEqualTo(6);
                assertThat(count(c, "SELECT COUNT(*) FROM custos_audit_record_default")).isEqualTo(1);
                // a month whose records went to the default partition keeps them there: no partition for it
                assertThat(new AuditPartitionStore().create(c, YearMonth.of(2031, 1))).isEmpty();
                assertThat(new AuditPartitionStore().create(c, YearMonth.of(2031, 2)))
                        .contains("custos_audit_record_p203102");
                c.commit();
            }
        }
    }

    @Test
    void aUnitsStartAndTwoStartersAtOnceCreateTheMonthsAheadOnce() throws Exception {
        JpaUnit unit = new JpaUnit(JpaUnit.Provider.HIBERNATE, TestDatabase.POSTGRESQL);
        try (TestDatabase db = TestDatabase.empty(TestDatabase.POSTGRESQL)) {
            EntityManagerFactory emf = unit.open(db, Map.of("custos.pack", "dk"));
            try {
                MovableClock clock = new MovableClock(NOW);
                CustosRuntime runtime = CustosJpa.start(unit.unitName(), emf, db.dataSource(), clock);
                List<String> expected = List.of("custos_audit_record_p202612", "custos_audit_record_p202701",
                        "custos_audit_record_p202702", "custos_audit_record_p202703");
                try (Connection c = db.transaction()) {
                    assertThat(partitionsOf(c)).as("created at the unit's start").isEqualTo(expected);
                    c.rollback();
                }
                // a month later, two servers start at the same moment
                clock.now = Instant.parse("2027-01-06T09:30:00Z");
                ExecutorService pool = Executors.newFixedThreadPool(2);
                try {
                    CountDownLatch start = new CountDownLatch(1);
                    Callable<List<String>> starter = () -> {
                        start.await();
                        return new AuditPartitions(runtime).createAhead();
                    };
                    Future<List<String>> first = pool.submit(starter);
                    Future<List<String>> second = pool.submit(starter);
                    start.countDown();
                    List<String> ahead = List.of("custos_audit_record_p202701", "custos_audit_record_p202702",
                            "custos_audit_record_p202703", "custos_audit_record_p202704");
                    assertThat(first.get()).isEqualTo(ahead);
                    assertThat(second.get()).isEqualTo(ahead);
                } finally {
                    pool.shutdown();
                }
                assertThat(new AuditPartitions(runtime).createAhead()).as("idempotent").hasSize(4);
                try (Connection c = db.transaction()) {
                    assertThat(partitionsOf(c)).containsExactly("custos_audit_record_p202612",
                            "custos_audit_record_p202701", "custos_audit_record_p202702",
                            "custos_audit_record_p202703", "custos_audit_record_p202704");
                    c.rollback();
                }
            } finally {
                emf.close();
            }
        }
    }

    @Test
    void aSecondRowWithASequenceNumberIsFoundAtAPageBoundary() throws Exception {
        try (TestDatabase db = TestDatabase.empty(TestDatabase.POSTGRESQL)) {
            CustosSchema.migrate(db.dataSource());
            Instant[] at = new Instant[501]; // one more than a page of verification
            for (int i = 0; i < at.length; i++) {
                at[i] = Instant.parse("2024-01-10T00:00:00Z").plusSeconds(i);
            }
            append(db, 1, at);
            try (Connection c = db.transaction()) {
                assertThat(new AuditTrail(1, Clock.systemUTC()).verify(c).intact()).isTrue();
                // the key includes the month, so the database takes a forged copy of record 500 in another month
                execute(c, "CREATE TEMPORARY TABLE forged AS SELECT * FROM custos_audit_record WHERE chain_id = 1"
                        + " AND record_seq = 500");
                execute(c, "UPDATE forged SET occurred_at = TIMESTAMP '2024-03-01 00:00:00', detail = 'forged'");
                execute(c, "INSERT INTO custos_audit_record SELECT * FROM forged");
                c.commit();

                ChainVerification verified = new AuditTrail(1, Clock.systemUTC()).verify(c);

                assertThat(verified.intact()).as("a repeated record 500 is a break, whichever copy sorts first")
                        .isFalse();
                // 500 when the forged copy is read first, 501 when it follows the real one
                assertThat(verified.firstBroken().getAsLong()).isIn(500L, 501L);
                c.rollback();
            }
        }
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            statement.execute();
        }
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
