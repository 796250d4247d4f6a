// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.retention.LegalHold;
import dev.custos.jpa.testing.DatabaseTest;
import dev.custos.jpa.testing.TestDatabase;
import java.sql.Connection;
import java.time.Instant;
import java.util.Optional;

class LegalHoldStoreTest {

    static final Instant T0 = Instant.parse("2024-02-01T09:00:00Z");

    private final LegalHoldStore holds = new LegalHoldStore();

    static LegalHold hold(String id, Instant at) {
        return new LegalHold(id, "complaint-pending", at, Optional.empty(), "dpo", "case 2024-17");
    }

    @DatabaseTest
    void holdsApplyToWhatTheyCoverWhileInForce(String database) throws Exception {
        try (TestDatabase db = TestDatabase.migrated(database); Connection c = db.transaction()) {
            holds.place(c, "kari", Optional.empty(), Optional.empty(), hold("h-subject", T0));
            holds.place(c, "kari", Optional.of("JournalEntry"), Optional.of("42"), hold("h-entry", T0.plusSeconds(10)));
            holds.place(c, "ola", Optional.of("Invoice"), Optional.empty(), hold("h-invoices", T0));
            c.commit();

            Instant later = T0.plusSeconds(60);
            assertThat(holds.activeFor(c, "kari", Optional.of("JournalEntry"), Optional.of("42"), later))
                    .extracting(LegalHold::id).containsExactly("h-subject", "h-entry");
            assertThat(holds.activeFor(c, "kari", Optional.of("JournalEntry"), Optional.of("43"), later))
                    .extracting(LegalHold::id).containsExactly("h-subject");
            assertThat(holds.activeFor(c, "kari", Optional.empty(), Optional.empty(), later)).hasSize(2);
            assertThat(holds.activeFor(c, "ola", Optional.of("Invoice"), Optional.of("9"), later))
                    .extracting(LegalHold::id).containsExactly("h-invoices");
            assertThat(holds.activeFor(c, "ola", Optional.of("JournalEntry"), Optional.of("9"), later)).isEmpty();
            assertThat(holds.activeFor(c, "kari", Optional.empty(), Optional.empty(), T0.minusSeconds(1)))
                    .as("before it was placed").isEmpty();
            assertThat(holds.activeFor(c, "kari", Optional.empty(), Optional.empty(), later).get(0))
                    .isEqualTo(hold("h-subject", T0));

            assertThat(holds.release(c, "h-subject", T0.plusSeconds(3600), "dpo")).isTrue();
            assertThat(holds.release(c, "h-subject", T0.plusSeconds(7200), "dpo")).as("released twice").isFalse();
            c.commit();

            assertThat(holds.activeFor(c, "kari", Optional.empty(), Optional.empty(), T0.plusSeconds(3600)))
                    .extracting(LegalHold::id).containsExactly("h-entry");
            assertThat(holds.activeFor(c, "kari", Optional.empty(), Optional.empty(), T0.plusSeconds(3599)))
                    .as("still in force just before the release").hasSize(2);
        }
    }
}
