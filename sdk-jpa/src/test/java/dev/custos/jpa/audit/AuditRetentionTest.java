// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.audit;

import static dev.custos.jpa.audit.AuditPartitionsTest.append;
import static dev.custos.jpa.audit.AuditPartitionsTest.count;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.audit.ChainVerification;
import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.CustosSettings;
import dev.custos.jpa.internal.store.AuditPartitionStore;
import dev.custos.jpa.internal.store.AuditTrail;
import dev.custos.jpa.internal.store.CheckpointSigner;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.LoggerCapture;
import dev.custos.jpa.testing.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.YearMonth;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit trail's own retention on PostgreSQL: a partition past {@code custos.audit.retention} is dropped only once
 * exported with its signed cut, and the chains then verify from that cut. Issue 22.
 */
class AuditRetentionTest {

    @TempDir
    Path folder;

    private KeyPair keys;
    private Path privateKey;

    @BeforeEach
    void setUp() throws Exception {
        Assumptions.assumeTrue(TestDatabase.configured().anyMatch(TestDatabase.POSTGRESQL::equals),
                "the audit trail is partitioned on PostgreSQL only");
        keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        privateKey = Files.writeString(folder.resolve("checkpoint.key"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
    }

    @Test
    void anExportedPartitionIsDroppedAnUnexportedOneKeptAndTheChainsVerifyFromTheCut() throws Exception {
        JpaUnit unit = new JpaUnit(JpaUnit.Provider.HIBERNATE, TestDatabase.POSTGRESQL);
        try (TestDatabase db = TestDatabase.empty(TestDatabase.POSTGRESQL)) {
            EntityManagerFactory emf = unit.open(db, Map.of("custos.pack", "dk"));
            try {
                AuditPartitionsTest.MovableClock clock = new AuditPartitionsTest.MovableClock(
                        Instant.parse("2026-08-06T09:00:00Z"));
                CustosRuntime runtime = CustosJpa.start(unit.unitName(), emf, db.dataSource(), clock);
                AuditPartitionStore store = new AuditPartitionStore();
                try (Connection c = db.transaction()) {
                    for (int month = 1; month <= 3; month++) {
                        store.create(c, YearMonth.of(2026, month));
                    }
                    c.commit();
                }
                append(db, 11, Instant.parse("2026-01-05T10:00:00Z"), Instant.parse("2026-01-20T10:00:00Z"),
                        Instant.parse("2026-01-31T23:59:59Z"), Instant.parse("2026-02-03T10:00:00Z"),
                        Instant.parse("2026-03-03T10:00:00Z"));
                append(db, 12, Instant.parse("2026-01-07T10:00:00Z"), Instant.parse("2026-02-07T10:00:00Z"));
                AuditRetention retention = new AuditRetention(runtime, privateKey, Period.ofMonths(6));
                Path exports = Files.createDirectory(folder.resolve("exports"));

                // August: only January ended six months ago
                assertThat(retention.export(exports)).containsExactly("custos_audit_record_p202601");
                assertThat(retention.export(exports)).as("exported once").isEmpty();
                assertThat(Files.readAllLines(exports.resolve("custos_audit_record_p202601.csv"),
                        StandardCharsets.UTF_8)).hasSize(1 + 4).first().asString()
                        .startsWith("chain_id,record_seq,occurred_at,");
                assertThat(Files.readAllLines(exports.resolve("custos_audit_record_p202601.cut.csv")))
                        .hasSize(1 + 2).element(1).asString().startsWith("audit-cut,11,3,");

                // the auditor guide's check of an export: loaded into a scratch database, the chains verify
                try (TestDatabase scratch = TestDatabase.migrated(TestDatabase.POSTGRESQL);
                     Connection s = scratch.transaction();
                     java.io.Reader csv = Files.newBufferedReader(exports.resolve("custos_audit_record_p202601.csv"))) {
                    new org.postgresql.copy.CopyManager(s.unwrap(org.postgresql.core.BaseConnection.class)).copyIn(
                            "COPY custos_audit_record FROM STDIN WITH (FORMAT csv, HEADER)", csv);
                    ChainVerification loaded = new AuditTrail(11, Clock.systemUTC()).verify(s);
                    assertThat(loaded.intact()).as(loaded.toString()).isTrue();
                    assertThat(loaded.recordsChecked()).isEqualTo(3);
                    assertThat(new AuditTrail(12, Clock.systemUTC()).verify(s).intact()).isTrue();
                    s.rollback();
                }

                // September: February too is past retention, but was never exported
                clock.now = Instant.parse("2026-09-06T09:00:00Z");
                try (LoggerCapture log = new LoggerCapture(AuditRetention.class.getName())) {
                    assertThat(retention.dropExported()).containsExactly("custos_audit_record_p202601");
                    assertThat(text(log)).contains("CUSTOS-04280: Partition custos_audit_record_p202601")
                            .contains("CUSTOS-04274: Partition custos_audit_record_p202602 is older");
                }
                try (Connection c = db.transaction()) {
                    assertThat(AuditPartitionsTest.partitionsOf(c)).containsExactly("custos_audit_record_p202602",
                            "custos_audit_record_p202603", "custos_audit_record_p202608",
                            "custos_audit_record_p202609", "custos_audit_record_p202610",
                            "custos_audit_record_p202611");
                    assertThat(count(c, "SELECT COUNT(*) FROM custos_audit_record_p202602")).isEqualTo(2);
                    for (int chain : List.of(11, 12)) {
                        ChainVerification verified = new AuditTrail(chain, Clock.systemUTC()).verify(c);
                        assertThat(verified.intact()).as("chain %s: %s", chain, verified).isTrue();
                        assertThat(new AuditTrail(chain, Clock.systemUTC()).verify(c, new CheckpointSigner(
                                keys.getPrivate(), Clock.systemUTC())).intact()).isTrue();
                    }
                    assertThat(new AuditTrail(11, Clock.systemUTC()).verify(c).recordsChecked()).isEqualTo(2);
                    c.rollback();
                }

                // a record of February arriving late, after February's export: its partition is kept
                assertThat(retention.export(exports)).containsExactly("custos_audit_record_p202602");
                append(db, 12, Instant.parse("2026-02-28T10:00:00Z"));
                try (LoggerCapture log = new LoggerCapture(AuditRetention.class.getName())) {
                    assertThat(retention.dropExported()).isEmpty();
                    assertThat(text(log)).contains("CUSTOS-04277: Partition custos_audit_record_p202602 is kept");
                }
                // an export file that went missing keeps the partition too
                Files.delete(exports.resolve("custos_audit_record_p202602.csv"));
                try (LoggerCapture log = new LoggerCapture(AuditRetention.class.getName())) {
                    assertThat(retention.dropExported()).isEmpty();
                    assertThat(text(log)).contains("CUSTOS-04275");
                }
            } finally {
                emf.close();
            }
        }
    }

    private static String text(LoggerCapture log) {
        return log.records().stream().map(java.util.logging.LogRecord::getMessage)
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    @Test
    void theSettingIsOffByDefaultAndTakesWholeMonths() {
        CustosSettings defaults = CustosSettings.forServer(key -> java.util.Optional.empty());
        assertThat(defaults.period(dev.custos.jpa.CustosSetting.AUDIT_RETENTION)).isEmpty();
        CustosSettings tenYears = CustosSettings.forServer(key -> java.util.Optional.ofNullable(
                Map.of("custos.audit.retention", "P10Y").get(key)));
        assertThat(tenYears.period(dev.custos.jpa.CustosSetting.AUDIT_RETENTION)).contains(Period.ofYears(10));
    }
}
