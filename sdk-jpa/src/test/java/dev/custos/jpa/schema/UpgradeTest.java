// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.audit.AuditAction;
import dev.custos.core.audit.AuditEvent;
import dev.custos.core.audit.AuditOutcome;
import dev.custos.core.consent.ConsentEvent;
import dev.custos.jpa.internal.store.AuditTrail;
import dev.custos.jpa.internal.store.ConsentLedger;
import dev.custos.jpa.internal.store.SubjectKeys;
import dev.custos.jpa.testing.DatabaseTest;
import dev.custos.jpa.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;

/** A database with data at schema version 1 is upgraded to the latest version, keeping the data. */
class UpgradeTest {

    static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

    @DatabaseTest
    void upgradingFromVersionOneKeepsTheDataAndThenEnforcesAppendOnly(String database) throws Exception {
        SubjectKeys keys = new SubjectKeys();
        ConsentLedger ledger = new ConsentLedger(keys);
        AuditTrail trail = new AuditTrail();
        try (TestDatabase db = TestDatabase.empty(database)) {
            CustosSchema.migrateTo(db.dataSource(), 1);
            try (Connection c = db.transaction()) {
                // the ledger row as Custos wrote it before version 7, which the current ledger cannot write
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO custos_consent_event (subject_ref,"
                        + " purpose, event_type, occurred_at, notice_version, recorded_by, recorded_at)"
                        + " VALUES (?, 'newsletter', 'GIVEN', ?, 'notice-1', 'web', ?)")) {
                    insert.setString(1, keys.pseudonym(c, "kari"));
                    insert.setTimestamp(2, Timestamp.from(T0), Calendar.getInstance(TimeZone.getTimeZone("UTC")));
                    insert.setTimestamp(3, Timestamp.from(T0), Calendar.getInstance(TimeZone.getTimeZone("UTC")));
                    insert.executeUpdate();
                }
                trail.append(c, new AuditEvent(T0, "web", keys.pseudonym(c, "kari"), AuditAction.CONSENT_GIVEN, "",
                        "", List.of(), "newsletter", "CONSENT", AuditOutcome.DONE, ""));
                c.commit();
                // Version 1 has no append-only enforcement yet.
                update(c, "UPDATE custos_consent_event SET recorded_by = recorded_by");
                c.commit();
            }

            MigrationResult result = CustosSchema.migrate(db.dataSource());

            assertThat(result.versionBefore()).isEqualTo(1);
            assertThat(result.versionAfter()).isEqualTo(CustosSchema.LATEST_VERSION);
            try (Connection c = db.transaction()) {
                assertThat(ledger.events(c, "kari")).containsExactly(
                        ConsentEvent.given("kari", "newsletter", T0, "notice-1"));
                assertThat(trail.verify(c).intact()).isTrue();
                assertThat(trail.verify(c).recordsChecked()).isEqualTo(1);
                // the upgrade to version 7 chained the ledger row of version 1
                assertThat(ledger.verify(c).intact()).isTrue();
                assertThat(ledger.verify(c).recordsChecked()).isEqualTo(1);
                assertThatThrownBy(() -> update(c, "UPDATE custos_consent_event SET recorded_by = recorded_by"))
                        .isInstanceOf(SQLException.class);
                c.rollback();
                assertThatThrownBy(() -> update(c, "DELETE FROM custos_audit_record"))
                        .isInstanceOf(SQLException.class);
                c.rollback();
                // the stores keep working after the upgrade
                trail.append(c, new AuditEvent(T0.plusSeconds(1), "web", "", AuditAction.READ, "", "", List.of(),
                        "", "", AuditOutcome.DONE, ""));
                c.commit();
                assertThat(trail.verify(c).recordsChecked()).isEqualTo(2);
                ledger.record(c, ConsentEvent.withdrawn("kari", "newsletter", T0.plusSeconds(2)), "web");
                c.commit();
                assertThat(ledger.verify(c).intact()).isTrue();
                assertThat(ledger.verify(c).recordsChecked()).isEqualTo(2);
                assertThat(ledger.events(c, "kari")).hasSize(2);
                // chained rows are as append-only as before
                assertThatThrownBy(() -> update(c, "UPDATE custos_consent_event SET chain_seq = chain_seq"))
                        .isInstanceOf(SQLException.class);
                c.rollback();
                // a key from version 1 is in use (version 6's shred_after is NULL) and can be scheduled
                assertThat(keys.shredAfter(c, "kari")).isEmpty();
                assertThat(keys.scheduleShred(c, "kari", T0.plusSeconds(60))).isTrue();
                assertThat(keys.shredDue(c, T0.plusSeconds(60), 10)).isEqualTo(1);
                assertThat(keys.existingPseudonym(c, "kari")).isEmpty();
                c.rollback();
            }
        }
    }

    private static void update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }
}
