// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.consent.ConsentEvent;
import dev.custos.core.retention.LegalHold;
import dev.custos.jpa.internal.store.LegalHoldStore;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.ProviderMatrix;
import dev.custos.jpa.testmodel.Client;
import dev.custos.jpa.testmodel.Inquiry;
import dev.custos.jpa.testmodel.JournalEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The application changes a row between the sweep's decision and its erasure (through the test seam, in a
 * transaction of its own that commits there): a later anchor, a legal hold or consent given again keeps the
 * row, unlogged and unaudited, until a later sweep finds it really due; a writer that changes a locked row waits
 * for the batch. Every provider and database.
 */
class SweepRaceTest {

    private static final LocalDate OVER_A_YEAR_AGO = LocalDate.of(2024, 1, 10);
    private static final LocalDate RECENT = LocalDate.of(2025, 1, 10);

    /** A seam that runs each entity's change once, after the first decision of that entity's first due batch. */
    private static BatchWork.Seam afterDecision(Map<String, SqlChange> changes, List<String> calls) {
        return new BatchWork.Seam() {
            @Override
            public void decided(String entity, List<Object> ids) {
                SqlChange change = changes.get(entity);
                if (change != null && calls.stream().noneMatch(call -> call.startsWith(entity + " "))) {
                    calls.add(entity + " " + ids);
                    change.runUnchecked();
                }
            }
        };
    }

    private interface SqlChange {
        void run() throws SQLException;

        default void runUnchecked() {
            try {
                run();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Runs {@code sql} with {@code parameters} in a transaction of its own, and commits. */
    private static int update(SweepFixture f, String sql, Object... parameters) throws SQLException {
        try (Connection c = f.db.transaction(); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            int count = statement.executeUpdate();
            c.commit();
            return count;
        }
    }

    /** A hold on {@code subject} placed while the batch runs, by a node whose clock is a minute ahead. */
    private static void holdFromANodeAhead(SweepFixture f, String subject, String holdId) throws SQLException {
        f.clock.set(SweepFixture.NOW.plusSeconds(1));
        try (Connection c = f.db.transaction()) {
            new LegalHoldStore().place(c, subject, Optional.empty(), Optional.empty(), new LegalHold(holdId,
                    "complaint-pending", SweepFixture.NOW.plusSeconds(60), Optional.empty(), "test", ""));
            c.commit();
        }
    }

    /** Client "j", not due, with a journal entry due since March 2025. */
    private static Client clientWithJournal(jakarta.persistence.EntityManager em) {
        Client client = new Client("j", "Jens", null, RECENT);
        em.persist(client);
        em.persist(new JournalEntry(client, LocalDate.of(2020, 3, 10), "session notes"));
        return client;
    }

    private static long logged(SweepFixture f, String entity) throws SQLException {
        return f.count("SELECT COUNT(*) FROM custos_erasure_log WHERE entity_name = '" + entity + "'");
    }

    private static long audited(SweepFixture f, String entity) throws SQLException {
        return f.erasedIdsListed(entity).size();
    }

    @ProviderMatrix
    void rowsWhoseAnchorMovedAfterTheDecisionAreKeptUntilReallyDue(JpaUnit unit) throws Exception {
        try (SweepFixture f = new SweepFixture(unit)) {
            f.persist(em -> {
                clientWithJournal(em);
                em.persist(new Inquiry(1L, "p1", LocalDateTime.of(2024, 3, 1, 10, 0), "call me"));
            });
            long journal = f.count("SELECT id FROM JournalEntry");
            List<String> calls = new ArrayList<>();
            // a new journal entry moves the journal's last-entry date; a new letter the inquiry's correspondence
            BatchWork.Seam seam = afterDecision(Map.of(
                    "JournalEntry", () -> update(f, "UPDATE JournalEntry SET lastEntry = ? WHERE id = ?",
                            java.sql.Date.valueOf("2025-03-01"), journal),
                    "Inquiry", () -> update(f, "UPDATE Inquiry SET lastCorrespondence = ? WHERE id = 1",
                            java.sql.Timestamp.valueOf("2025-03-01 10:00:00"))), calls);

            SweepReport report = new RetentionSweeper(f.runtime, seam).sweep();

            assertThat(calls).containsExactlyInAnyOrder("JournalEntry [" + journal + "]", "Inquiry [1]");
            assertThat(f.text("SELECT note FROM JournalEntry")).isEqualTo("session notes");
            assertThat(f.count("SELECT COUNT(*) FROM Inquiry")).isEqualTo(1); // DELETE_ROW, not deleted
            assertThat(report.outcome()).isEqualTo(SweepReport.Outcome.COMPLETED);
            assertThat(report.erased()).isZero();
            assertThat(report.skippedChanged()).isEqualTo(2);
            assertThat(f.erasureLog()).isZero();
            assertThat(f.erasedRowsAudited()).isZero();

            SweepReport again = new RetentionSweeper(f.runtime).sweep();
            assertThat(again.erased()).isZero();
            assertThat(again.skippedChanged()).isZero();
            assertThat(f.text("SELECT note FROM JournalEntry")).isEqualTo("session notes");

            f.clock.set(Instant.parse("2030-03-01T23:00:00Z")); // 2 March 2030 in Copenhagen: five years and a day
            SweepReport due = new RetentionSweeper(f.runtime).sweep();
            assertThat(f.text("SELECT note FROM JournalEntry")).isNull();
            assertThat(f.count("SELECT COUNT(*) FROM Inquiry")).isZero();
            assertThat(due.skippedChanged()).isZero();
            assertThat(logged(f, "JournalEntry")).isEqualTo(1);
            assertThat(logged(f, "Inquiry")).isEqualTo(1);
            assertThat(audited(f, "JournalEntry")).isEqualTo(1);
            assertThat(f.duplicates()).isZero();
            assertThat(f.verifyWriteChain().intact()).isTrue();
        }
    }

    @ProviderMatrix
    void aLegalHoldPlacedAfterTheDecisionKeepsTheRowUntilItIsReleased(JpaUnit unit) throws Exception {
        try (SweepFixture f = new SweepFixture(unit)) {
            f.persist(em -> {
                em.persist(new Client("due1", "Name due1", null, OVER_A_YEAR_AGO));
                em.persist(new Client("due2", "Name due2", null, OVER_A_YEAR_AGO));
            });
            List<String> calls = new ArrayList<>();
            BatchWork.Seam seam = afterDecision(Map.of("Client", () -> holdFromANodeAhead(f, "due1", "hold-1")),
                    calls);

            SweepReport report = new RetentionSweeper(f.runtime, seam).sweep();

            assertThat(calls).containsExactly("Client [due1, due2]");
            assertThat(f.text("SELECT name FROM Client WHERE clientId = 'due1'")).isEqualTo("Name due1");
            assertThat(f.text("SELECT name FROM Client WHERE clientId = 'due2'")).isNull();
            assertThat(report.erased()).isEqualTo(1);
            // Client's batches are locked by range and decided once, under the lock, where the hold counts
            assertThat(report.kept(dev.custos.core.retention.RetentionDecision.Status.HELD)).isEqualTo(1);
            assertThat(report.skippedChanged()).isZero();
            assertThat(f.count("SELECT COUNT(*) FROM custos_erasure_log WHERE entity_id = 'due1'")).isZero();
            assertThat(f.erasureLog()).isEqualTo(1);
            assertThat(f.erasedRowsAudited()).isEqualTo(1);

            f.clock.set(SweepFixture.NOW.plus(Duration.ofHours(1)));
            SweepReport held = new RetentionSweeper(f.runtime).sweep();
            assertThat(held.erased()).isZero();
            assertThat(held.kept(dev.custos.core.retention.RetentionDecision.Status.HELD)).isEqualTo(1);
            assertThat(f.text("SELECT name FROM Client WHERE clientId = 'due1'")).isEqualTo("Name due1");

            try (Connection c = f.db.transaction()) {
                assertThat(new LegalHoldStore().release(c, "hold-1", f.clock.instant(), "test")).isTrue();
                c.commit();
            }
            SweepReport released = new RetentionSweeper(f.runtime).sweep();
            assertThat(released.erased()).isEqualTo(1);
            assertThat(f.text("SELECT name FROM Client WHERE clientId = 'due1'")).isNull();
            assertThat(f.erasureLog()).isEqualTo(2);
            assertThat(f.erasedRowsAudited()).isEqualTo(2);
            assertThat(f.duplicates()).isZero();
            assertThat(f.verifyWriteChain().intact()).isTrue();
        }
    }

    @ProviderMatrix
    void aLegalHoldPlacedAfterTheFirstDecisionOfABatchDecidedTwiceSkipsTheRow(JpaUnit unit) throws Exception {
        try (SweepFixture f = new SweepFixture(unit)) {
            // a journal's subject is behind a relation: its batches decide, lock the due rows by id, decide again
            f.persist(SweepRaceTest::clientWithJournal);
            List<String> calls = new ArrayList<>();
            BatchWork.Seam seam = afterDecision(Map.of("JournalEntry", () -> holdFromANodeAhead(f, "j", "hold-j")),
                    calls);

            SweepReport report = new RetentionSweeper(f.runtime, seam).sweep();

            assertThat(calls).hasSize(1);
            assertThat(f.text("SELECT note FROM JournalEntry")).isEqualTo("session notes");
            assertThat(report.erased()).isZero();
            assertThat(report.skippedChanged()).isEqualTo(1);
            assertThat(f.erasureLog()).isZero();
            assertThat(f.erasedRowsAudited()).isZero();
        }
    }

    @ProviderMatrix
    void consentGivenAgainAfterTheDecisionKeepsTheDataUntilItIsWithdrawnAgain(JpaUnit unit) throws Exception {
        try (SweepFixture f = new SweepFixture(unit)) {
            f.persist(em -> em.persist(new Client("quit", "Quinn", "quinn@example.org", RECENT)));
            Instant start = SweepFixture.NOW.minus(Duration.ofDays(100));
            f.consent(ConsentEvent.given("quit", "newsletter", start, "n1"));
            f.consent(ConsentEvent.withdrawn("quit", "newsletter", start.plus(Duration.ofDays(10))));
            List<String> calls = new ArrayList<>();
            BatchWork.Seam seam = afterDecision(Map.of("Client", () -> {
                f.clock.set(SweepFixture.NOW.plusSeconds(1));
                f.consent(ConsentEvent.given("quit", "newsletter", f.clock.instant(), "n2"));
            }), calls);

            SweepReport report = new RetentionSweeper(f.runtime, seam).sweep();

            assertThat(calls).containsExactly("Client [quit]");
            assertThat(f.text("SELECT email FROM Client WHERE clientId = 'quit'")).isEqualTo("quinn@example.org");
            assertThat(report.erased()).isZero();
            assertThat(report.skippedChanged()).isEqualTo(1);
            assertThat(f.erasureLog()).isZero();
            assertThat(f.erasedRowsAudited()).isZero();

            assertThat(new RetentionSweeper(f.runtime).sweep().erased()).isZero();

            f.clock.set(SweepFixture.NOW.plus(Duration.ofDays(1)));
            f.consent(ConsentEvent.withdrawn("quit", "newsletter", f.clock.instant()));
            SweepReport withdrawn = new RetentionSweeper(f.runtime).sweep();
            assertThat(withdrawn.erased()).isEqualTo(1);
            assertThat(f.text("SELECT email FROM Client WHERE clientId = 'quit'")).isNull();
            assertThat(f.erasureLog()).isEqualTo(1);
            assertThat(f.erasedRowsAudited()).isEqualTo(1);
        }
    }

    @ProviderMatrix
    void aWriterThatChangesALockedRowWaitsUntilTheBatchHasCommitted(JpaUnit unit) throws Exception {
        try (SweepFixture f = new SweepFixture(unit)) {
            f.persist(em -> em.persist(new Client("due1", "Name due1", null, OVER_A_YEAR_AGO)));
            ExecutorService writer = Executors.newSingleThreadExecutor();
            List<Future<Integer>> writes = new ArrayList<>();
            BatchWork.Seam seam = new BatchWork.Seam() {
                @Override
                public void locked(String entity, List<Object> ids) {
                    if (!entity.equals("Client") || !writes.isEmpty()) {
                        return;
                    }
                    writes.add(writer.submit(() -> update(f, "UPDATE Client SET lastSession = ?"
                            + " WHERE clientId = 'due1'", java.sql.Date.valueOf("2025-03-10"))));
                    // the row is locked: the writer must still be waiting when the batch goes on
                    assertThatThrownBy(() -> writes.get(0).get(1, TimeUnit.SECONDS))
                            .isInstanceOf(TimeoutException.class);
                }
            };
            try {
                SweepReport report = new RetentionSweeper(f.runtime, seam).sweep();

                // decided on the anchor as it was when locked; the writer's change comes after the erasure
                assertThat(report.erased()).isEqualTo(1);
                assertThat(writes).hasSize(1);
                assertThat(writes.get(0).get(30, TimeUnit.SECONDS)).isEqualTo(1);
            } finally {
                writer.shutdownNow();
            }
            assertThat(f.text("SELECT name FROM Client WHERE clientId = 'due1'")).isNull();
            assertThat(f.text("SELECT lastSession FROM Client WHERE clientId = 'due1'")).isEqualTo("2025-03-10");
            assertThat(f.erasureLog()).isEqualTo(1);
            assertThat(f.erasedRowsAudited()).isEqualTo(1);
        }
    }
}
