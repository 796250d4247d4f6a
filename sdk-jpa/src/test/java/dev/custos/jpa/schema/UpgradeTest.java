// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.audit.AuditAction;
import dev.custos.core.audit.AuditEvent;
import dev.custos.core.audit.AuditOutcome;
import dev.custos.core.consent.ConsentEvent;
import dev.custos.jpa.store.AuditTrail;
import dev.custos.jpa.store.ConsentLedger;
import dev.custos.jpa.store.SubjectKeys;
import dev.custos.jpa.testing.DatabaseTest;
import dev.custos.jpa.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

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
                ledger.record(c, ConsentEvent.given("kari", "newsletter", T0, "notice-1"), "web");
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
