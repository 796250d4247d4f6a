// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.consent.ConsentEvent;
import dev.custos.core.consent.ConsentEventType;
import dev.custos.jpa.testing.DatabaseTest;
import dev.custos.jpa.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;

class ConsentLedgerTest {

    static final Instant T0 = Instant.parse("2024-03-31T02:30:00Z");

    private final SubjectKeys keys = new SubjectKeys();
    private final ConsentLedger ledger = new ConsentLedger(keys);

    @DatabaseTest
    void eventsComeBackInLedgerOrder(String database) throws Exception {
        try (TestDatabase db = TestDatabase.migrated(database); Connection c = db.transaction()) {
            List<ConsentEvent> written = List.of(
                    ConsentEvent.given("kari", "newsletter", T0, "notice-3"),
                    new ConsentEvent("kari", "research", ConsentEventType.GIVEN, T0.plusSeconds(5), "notice-3",
                            Optional.of(T0.plusSeconds(86_400 * 365L))),
                    ConsentEvent.withdrawn("kari", "newsletter", T0.plusSeconds(60)),
                    // ledger order is recording order, even for an event that took effect earlier
                    new ConsentEvent("kari", "research", ConsentEventType.EXPIRED, T0.plusSeconds(1), "",
                            Optional.empty()));
            for (ConsentEvent event : written) {
                ledger.record(c, event, "web-form");
            }
            ledger.record(c, ConsentEvent.given("ola", "newsletter", T0, "notice-3"), "web-form");
            c.commit();

            assertThat(ledger.events(c, "kari")).containsExactlyElementsOf(written);
            assertThat(ledger.events(c, "ola")).hasSize(1);
            assertThat(ledger.events(c, "nobody")).isEmpty();
        }
    }

    @DatabaseTest
    void theLedgerHoldsPseudonymsNotSubjectIds(String database) throws Exception {
        try (TestDatabase db = TestDatabase.migrated(database); Connection c = db.transaction()) {
            ledger.record(c, ConsentEvent.given("kari@example.org", "newsletter", T0, "notice-3"), "web-form");
            c.commit();

            try (Statement s = c.createStatement();
                 ResultSet rows = s.executeQuery("SELECT subject_ref FROM custos_consent_event")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).startsWith("ps1:").doesNotContain("kari")
                        .isEqualTo(keys.existingPseudonym(c, "kari@example.org").orElseThrow());
            }
            keys.shred(c, "kari@example.org");
            c.commit();
            assertThat(ledger.events(c, "kari@example.org")).isEmpty();
        }
    }

    @DatabaseTest
    void timestampsAreStoredInUtcWhateverTheJvmZone(String database) throws Exception {
        TimeZone original = TimeZone.getDefault();
        // The column holds UTC wall-clock time, not the JVM zone's. (Derby converts through the JVM's zone
        // internally, so on Derby an instant whose UTC wall-clock time falls in that zone's daylight-saving gap
        // moves by an hour: run Derby with a JVM zone without DST, such as UTC. PostgreSQL and MariaDB have no such
        // gap.)
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Oslo"));
        Instant summer = Instant.parse("2024-06-01T10:15:00Z");
        try (TestDatabase db = TestDatabase.migrated(database); Connection c = db.transaction()) {
            ledger.record(c, ConsentEvent.given("kari", "newsletter", summer, "notice-3"), "web-form");
            if (db.isPostgresql() || db.isMariadb()) {
                ledger.record(c, ConsentEvent.given("kari", "research", T0, "notice-3"), "web-form");
            }
            c.commit();

            assertThat(ledger.events(c, "kari").get(0).at()).isEqualTo(summer);
            if (db.isPostgresql() || db.isMariadb()) {
                assertThat(ledger.events(c, "kari").get(1).at()).isEqualTo(T0);
            }
            try (Statement s = c.createStatement();
                 ResultSet rows = s.executeQuery("SELECT CAST(occurred_at AS VARCHAR(30)) FROM custos_consent_event"
                         + " ORDER BY event_seq")) {
                rows.next();
                assertThat(rows.getString(1)).startsWith("2024-06-01 10:15:00");
            }
        } finally {
            TimeZone.setDefault(original);
        }
    }
}
