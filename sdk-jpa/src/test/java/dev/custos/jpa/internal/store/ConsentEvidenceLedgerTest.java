// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.audit.AuditChain;
import dev.custos.core.audit.ChainVerification;
import dev.custos.core.consent.ConsentEvent;
import dev.custos.core.consent.ConsentEvidence;
import dev.custos.jpa.schema.CustosSchema;
import dev.custos.jpa.testing.DatabaseTest;
import dev.custos.jpa.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Consent evidence in the ledger (schema version 9): kept with the event and chained with it, the parental
 * authorisation only as a pseudonym, rows of before version 9 still verifying, and the evidence columns as
 * append-only as the rest.
 */
class ConsentEvidenceLedgerTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final LocalDate SIGNED = LocalDate.of(2026, 2, 27);

    private final SubjectKeys keys = new SubjectKeys();

    @DatabaseTest
    void evidenceIsKeptWithTheEventAndTheParentalAuthorisationOnlyAsAPseudonym(String database) throws Exception {
        ConsentLedger ledger = new ConsentLedger(keys);
        ConsentEvidence written = ConsentEvidence.written("scan 2026-114", SIGNED);
        ConsentEvidence child = ConsentEvidence.of(ConsentEvidence.Form.ELECTRONIC, "signup-form-v3", SIGNED)
                .withAgeAtLeast(12).withParentalAuthorisation("Mother Maren Holm");
        try (TestDatabase db = TestDatabase.migrated(database); Connection c = db.transaction()) {
            ledger.record(c, ConsentEvent.given("kari", "gp-disclosure", T0, "notice-1", written), "desk");
            ledger.record(c, ConsentEvent.given("kari", "newsletter", T0, "notice-1", child), "web");
            ledger.record(c, ConsentEvent.withdrawn("kari", "gp-disclosure", T0.plusSeconds(60)), "desk");
            c.commit();

            List<ConsentEvent> events = ledger.events(c, "kari");
            assertThat(events.get(0).evidence()).isEqualTo(written);
            assertThat(events.get(2).evidence()).isEqualTo(ConsentEvidence.NONE);
            ConsentEvidence read = events.get(1).evidence();
            assertThat(read.ageAtLeast()).contains(12);
            assertThat(read.reference()).isEqualTo("signup-form-v3");
            assertThat(read.parentalAuthorisation()).startsWith("ps1:").doesNotContain("Maren");
            assertThat(read.parentalAuthorisation()).isEqualTo(keys.pseudonymOf(c, "kari",
                    "parental-authorisation:Mother Maren Holm"));
            // an auditor's plain SQL
            assertThat(rows(c, "SELECT evidence_form, evidence_ref, evidence_date, age_band FROM custos_consent_event"
                    + " ORDER BY event_seq")).containsExactly("WRITTEN scan 2026-114 2026-02-27 null",
                    "ELECTRONIC signup-form-v3 2026-02-27 12+", "null null null null");
            assertThat(rows(c, "SELECT COUNT(*) FROM custos_consent_event WHERE parental_auth_ref LIKE '%Maren%'"))
                    .containsExactly("0");

            ChainVerification result = ledger.verify(c);
            assertThat(result.intact()).as("%s", result).isTrue();
            assertThat(result.recordsChecked()).isEqualTo(3);
        }
    }

    @Test
    void evidenceIsHashedIntoTheChainAndARowWithoutHashesAsBefore() {
        var without = LedgerChain.event("ps1:00000000000000000000000000000000", "newsletter", "GIVEN", T0, "n1",
                null, "web", T0, Evidence.NONE);
        assertThat(without.fields()).isEmpty();
        var with = LedgerChain.event("ps1:00000000000000000000000000000000", "newsletter", "GIVEN", T0, "n1",
                null, "web", T0, Evidence.of(ConsentEvidence.written("scan 1", SIGNED), null));
        assertThat(with.fields()).containsExactly("evidence_date=2026-02-27", "evidence_form=WRITTEN",
                "evidence_ref=scan 1");
        assertThat(AuditChain.genesis().append(with).hash()).isNotEqualTo(AuditChain.genesis().append(without).hash());
    }

    @DatabaseTest
    void rowsOfBeforeVersionNineStillVerifyBesideRowsWithEvidence(String database) throws Exception {
        ConsentLedger ledger = new ConsentLedger(keys);
        try (TestDatabase db = TestDatabase.empty(database)) {
            CustosSchema.migrateTo(db.dataSource(), 6);
            try (Connection c = db.transaction()) {
                update(c, "INSERT INTO custos_consent_event (subject_ref, purpose, event_type, occurred_at,"
                        + " notice_version, recorded_by, recorded_at) VALUES ('" + keys.pseudonym(c, "kari")
                        + "', 'newsletter', 'GIVEN', CURRENT_TIMESTAMP, 'n1', 'web', CURRENT_TIMESTAMP)");
                c.commit();
            }
            CustosSchema.migrateTo(db.dataSource(), 8); // chains the row of version 6, without evidence columns
            CustosSchema.migrate(db.dataSource());
            try (Connection c = db.transaction()) {
                ledger.record(c, ConsentEvent.given("kari", "gp-disclosure", T0, "n1",
                        ConsentEvidence.written("scan 7", SIGNED)), "desk");
                c.commit();
                ChainVerification result = ledger.verify(c);
                assertThat(result.intact()).as("%s", result).isTrue();
                assertThat(result.recordsChecked()).isEqualTo(2);
                assertThat(ledger.events(c, "kari")).extracting(e -> e.evidence().isEmpty()).containsExactly(true,
                        false);
            }
        }
    }

    @DatabaseTest
    void theEvidenceColumnsAreAppendOnlyAndChainingMayNotChangeThem(String database) throws Exception {
        ConsentLedger ledger = new ConsentLedger(keys);
        try (TestDatabase db = TestDatabase.migrated(database); Connection c = db.transaction()) {
            ledger.record(c, ConsentEvent.given("kari", "gp-disclosure", T0, "n1",
                    ConsentEvidence.written("scan 7", SIGNED)), "desk");
            c.commit();
            assertThatThrownBy(() -> update(c, "UPDATE custos_consent_event SET evidence_ref = 'scan 8'"))
                    .isInstanceOf(SQLException.class);
            c.rollback();
            // a row not chained yet (as written before version 7) may only have its chain columns filled
            update(c, "INSERT INTO custos_consent_event (subject_ref, purpose, event_type, occurred_at,"
                    + " notice_version, recorded_by, recorded_at) VALUES ('" + keys.pseudonym(c, "ola")
                    + "', 'newsletter', 'GIVEN', CURRENT_TIMESTAMP, 'n1', 'web', CURRENT_TIMESTAMP)");
            c.commit();
            String chain = "chain_seq = 99, previous_hash = '" + "0".repeat(64) + "', record_hash = '"
                    + "1".repeat(64) + "'";
            for (String forged : List.of("evidence_form = 'WRITTEN'", "evidence_ref = 'scan 9'",
                    "evidence_date = CURRENT_DATE", "age_band = '16+'",
                    "parental_auth_ref = 'ps1:00000000000000000000000000000000'")) {
                assertThatThrownBy(() -> update(c, "UPDATE custos_consent_event SET " + chain + ", " + forged
                        + " WHERE record_hash IS NULL")).as(forged).isInstanceOf(SQLException.class);
                c.rollback();
            }
            update(c, "UPDATE custos_consent_event SET " + chain + " WHERE record_hash IS NULL");
            c.rollback();
        }
    }

    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> rows = new java.util.ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? " " : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    private static void update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }
}
