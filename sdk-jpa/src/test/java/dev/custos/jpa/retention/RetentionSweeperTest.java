// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.consent.ConsentEvent;
import dev.custos.core.retention.RetentionDecision.Status;
import dev.custos.jpa.access.ProcessingContext;
import dev.custos.jpa.internal.store.ErasureEntry;
import dev.custos.jpa.internal.store.ErasureLog;
import dev.custos.jpa.internal.store.SweepLease;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.ProviderMatrix;
import dev.custos.jpa.testmodel.Client;
import dev.custos.jpa.testmodel.Inquiry;
import dev.custos.jpa.testmodel.JournalEntry;
import dev.custos.jpa.testmodel.Member;
import dev.custos.jpa.testmodel.Questionnaire;
import java.sql.Connection;
import java.time.Duration;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The retention sweep on every provider and database, at 2025-03-16 under pack dk: only due rows are erased,
 * each logged and audited exactly once, and a crash, a rerun or a second sweeper never erases twice.
 */
class RetentionSweeperTest {

    private static final LocalDate OVER_A_YEAR_AGO = LocalDate.of(2024, 1, 10);
    private static final LocalDate RECENT = LocalDate.of(2025, 1, 10);

    private static void clients(SweepFixture f, String prefix, int count, LocalDate lastSession) {
        f.persist(em -> {
            for (int i = 1; i <= count; i++) {
                em.persist(new Client(prefix + i, "Name " + prefix + i, null, lastSession));
            }
        });
    }

    @ProviderMatrix
    void dueRowsAreErasedAndNotDueOrHeldRowsKeptEachErasureLoggedAndAuditedOnce(JpaUnit unit) throws Exception {
        try (SweepFixture f = new SweepFixture(unit)) {
            clients(f, "due", 2, OVER_A_YEAR_AGO);
            clients(f, "fresh", 1, RECENT);
            clients(f, "held", 1, OVER_A_YEAR_AGO);
            f.hold("held1", "hold-1");

            SweepReport report = new RetentionSweeper(f.runtime).sweep();

            assertThat(report.outcome()).isEqualTo(SweepReport.Outcome.COMPLETED);
            assertThat(report.detail().code()).isEqualTo("CUSTOS-04605");
            assertThat(report.erased()).isEqualTo(2);
            assertThat(report.kept(Status.HELD)).isEqualTo(1);
            assertThat(f.count("SELECT COUNT(*) FROM Client WHERE name IS NULL")).isEqualTo(2);
            assertThat(f.text("SELECT name FROM Client WHERE clientId = 'due1'")).isNull();
            assertThat(f.text("SELECT name FROM Client WHERE clientId = 'fresh1'")).isEqualTo("Name fresh1");
            assertThat(f.text("SELECT name FROM Client WHERE clientId = 'held1'")).isEqualTo("Name held1");
            assertThat(f.erasureLog()).isEqualTo(2);
            assertThat(f.erasedRowsAudited()).isEqualTo(2);
            assertThat(f.count("SELECT COUNT(*) FROM custos_erasure_log WHERE entity_name = 'Client'"
                    + " AND attributes = 'name' AND rule_id = 'P1Y after last-session' AND strategy = 'NULLIFY'"))
                    .isEqualTo(2);
            assertThat(f.count("SELECT COUNT(*) FROM custos_audit_record WHERE action = 'ERASE'"
                    + " AND subject_ref LIKE 'ps1:%' AND actor = 'system:sweeper'")).isEqualTo(2);
            assertThat(f.verifyWriteChain().intact()).isTrue();

            SweepReport again = new RetentionSweeper(f.runtime).sweep();
            assertThat(again.erased()).isZero();
            assertThat(f.erasureLog()).isEqualTo(2);
            assertThat(f.erasedRowsAudited()).isEqualTo(2);
            assertThat(f.verifyWriteChain().intact()).isTrue();
        }
    }

    @ProviderMatrix
    void withdrawnConsentErasesConsentBoundDataAndActiveConsentKeepsIt(JpaUnit unit) throws Exception {
        try (SweepFixture f = new SweepFixture(unit)) {
            f.persist(em -> {
                em.persist(new Client("quit", "Quinn", "quinn@example.org", RECENT));
                em.persist(new Client("stay", "Stig", "stig@example.org", RECENT));
                em.persist(new Client("silent", "Sara", "sara@example.org", RECENT));
                em.persist(new Questionnaire(1L, "quit", "sleeps badly"));
                em.persist(new Questionnaire(2L, "stay", "sleeps well"));
            });
            Instant start = SweepFixture.NOW.minus(Duration.ofDays(100));
            for (String subject : List.of("quit", "stay")) {
                f.consent(ConsentEvent.given(subject, "newsletter", start, "n1"));
                f.consent(ConsentEvent.given(subject, "research", start, "n1"));
            }
            f.consent(ConsentEvent.withdrawn("quit", "newsletter", start.plus(Duration.ofDays(10))));
            f.consent(ConsentEvent.withdrawn("quit", "research", start.plus(Duration.ofDays(10))));

            SweepReport report = new RetentionSweeper(f.runtime).sweep();

            assertThat(f.text("SELECT email FROM Client WHERE clientId = 'quit'")).isNull();
            assertThat(f.text("SELECT answers FROM Questionnaire WHERE id = 1")).isNull();
            assertThat(f.text("SELECT email FROM Client WHERE clientId = 'stay'")).isEqualTo("stig@example.org");
            assertThat(f.text("SELECT answers FROM Questionnaire WHERE id = 2")).isEqualTo("sleeps well");
            // no consent on record: Custos never erases on a guess
            assertThat(f.text("SELECT email FROM Client WHERE clientId = 'silent'")).isEqualTo("sara@example.org");
            assertThat(report.kept(Status.UNDETERMINED)).isEqualTo(1);
            assertThat(report.erased()).isEqualTo(2);
            assertThat(f.text("SELECT name FROM Client WHERE clientId = 'quit'")).isEqualTo("Quinn");
            assertThat(f.erasureLog()).isEqualTo(2);
            assertThat(f.erasedRowsAudited()).isEqualTo(2);
        }
    }

    @ProviderMatrix
    void aJournalIsKeptThroughItsFifthAnniversaryAndErasedTheDayAfter(JpaUnit unit) throws Exception {
        try (SweepFixture f = new SweepFixture(unit)) {
            f.persist(em -> {
                Client client = new Client("j", "Jens", null, RECENT);
                em.persist(client);
                em.persist(new JournalEntry(client, LocalDate.of(2020, 3, 15), "session notes"));
            });
            f.clock.set(Instant.parse("2025-03-15T22:59:59Z")); // 23:59:59 on 15 March in Copenhagen
            new RetentionSweeper(f.runtime).sweep();
            assertThat(f.text("SELECT note FROM JournalEntry")).isEqualTo("session notes");

            f.clock.set(Instant.parse("2025-03-15T23:00:00Z")); // midnight: 16 March begins in Copenhagen
            SweepReport report = new RetentionSweeper(f.runtime).sweep();
            assertThat(f.text("SELECT note FROM JournalEntry")).isNull();
            assertThat(report.erased()).isEqualTo(1);
            assertThat(f.count("SELECT COUNT(*) FROM custos_erasure_log WHERE entity_name = 'JournalEntry'"
                    + " AND rule_id = 'journal'")).isEqualTo(1);
        }
    }

    @ProviderMatrix
    void aCopyLoadedBeforeTheErasureCannotWriteTheErasedValuesBack(JpaUnit unit) throws Exception {
        try (SweepFixture f = new SweepFixture(unit)) {
            f.persist(em -> {
                Client client = new Client("v", "Vera", null, RECENT);
                em.persist(client);
                em.persist(new JournalEntry(client, LocalDate.of(2020, 3, 15), "session notes"));
            });
            EntityManager stale = f.emf.createEntityManager();
            // health data is read under a purpose it declares
            try (ProcessingContext.Scope treatment = ProcessingContext.open("treatment", "dr.berg")) {
                JournalEntry copy = stale.createQuery("SELECT j FROM JournalEntry j", JournalEntry.class)
                        .getSingleResult();
                f.clock.set(Instant.parse("2025-03-16T12:00:00Z"));
                assertThat(new RetentionSweeper(f.runtime).sweep().erased()).isEqualTo(1);

                stale.getTransaction().begin();
                copy.lastEntry = LocalDate.of(2025, 3, 16); // a late edit of the copy loaded before the erasure
                assertThat(catchThrowable(() -> stale.getTransaction().commit())).isNotNull();
            } finally {
                if (stale.getTransaction().isActive()) {
                    stale.getTransaction().rollback();
                }
                stale.close();
            }
            assertThat(f.text("SELECT note FROM JournalEntry")).isNull();
            assertThat(f.text("SELECT CAST(lastEntry AS VARCHAR(20)) FROM JournalEntry")).isEqualTo("2020-03-15");
        }
    }

    @ProviderMatrix
    void aCrashAfterTheFirstBatchIsFinishedByTheNextRunWithoutDuplicates(JpaUnit unit) throws Exception {
        try (SweepFixture f = new SweepFixture(unit)) {
            clients(f, "due", 5, OVER_A_YEAR_AGO);
            SweepOptions crashing = SweepOptions.defaults().withBatchSize(2).withListener(progress -> {
                throw new IllegalStateException("killed after batch " + progress.batch());
            });

            assertThatThrownBy(() -> new RetentionSweeper(f.runtime).sweep(crashing))
                    .hasMessage("killed after batch 1");
            assertThat(f.count("SELECT COUNT(*) FROM Client WHERE name IS NULL")).isEqualTo(2);
            assertThat(f.erasureLog()).isEqualTo(2);

            List<SweepProgress> progress = new ArrayList<>();
            SweepReport report = new RetentionSweeper(f.runtime).sweep(SweepOptions.defaults().withBatchSize(2)
                    .withListener(progress::add));
            assertThat(report.erased()).isEqualTo(3);
            assertThat(progress).filteredOn(p -> p.entity().equals("Client") && p.ruleId().startsWith("P1Y"))
                    .extracting(SweepProgress::batch).containsExactly(1, 2);
            assertThat(f.count("SELECT COUNT(*) FROM Client WHERE name IS NULL")).isEqualTo(5);
            assertThat(f.erasureLog()).isEqualTo(5);
            assertThat(f.erasedRowsAudited()).isEqualTo(5);
            assertThat(f.duplicates()).isZero();
            assertThat(f.verifyWriteChain().intact()).isTrue();
        }
    }

    @ProviderMatrix
    void twoSweepersAtOnceEraseEachRowOnceInTotal(JpaUnit unit) throws Exception {
        try (SweepFixture f = new SweepFixture(unit)) {
            clients(f, "due", 20, OVER_A_YEAR_AGO);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Callable<SweepReport> sweep = () -> new RetentionSweeper(f.runtime)
                        .sweep(SweepOptions.defaults().withBatchSize(3));
                List<Future<SweepReport>> runs = pool.invokeAll(List.of(sweep, sweep));
                long erased = 0;
                for (Future<SweepReport> run : runs) {
                    erased += run.get().erased();
                }
                assertThat(erased).isEqualTo(20);
            } finally {
                pool.shutdownNow();
            }
            assertThat(f.count("SELECT COUNT(*) FROM Client WHERE name IS NULL")).isEqualTo(20);
            assertThat(f.erasureLog()).isEqualTo(20);
            assertThat(f.erasedRowsAudited()).isEqualTo(20);
            assertThat(f.duplicates()).isZero();
            assertThat(f.verifyWriteChain().intact()).isTrue();
        }
    }

    @ProviderMatrix
    void aLeaseHeldElsewhereStopsTheSweepBeforeItErasesAnything(JpaUnit unit) throws Exception {
        try (SweepFixture f = new SweepFixture(unit)) {
            clients(f, "due", 2, OVER_A_YEAR_AGO);
            try (Connection c = f.db.transaction()) {
                new SweepLease().tryAcquire(c, RetentionSweeper.LEASE, "node-b", SweepFixture.NOW,
                        Duration.ofMinutes(5));
                c.commit();
            }
            SweepReport report = new RetentionSweeper(f.runtime).sweep();
            assertThat(report.outcome()).isEqualTo(SweepReport.Outcome.LEASE_HELD_ELSEWHERE);
            assertThat(report.detail().code()).isEqualTo("CUSTOS-04603");
            assertThat(report.detail().text()).contains("node-b");
            assertThat(f.count("SELECT COUNT(*) FROM Client WHERE name IS NULL")).isZero();
            assertThat(f.erasureLog()).isZero();
        }
    }

    @ProviderMatrix
    void aDryRunCountsButChangesNothing(JpaUnit unit) throws Exception {
        try (SweepFixture f = new SweepFixture(unit)) {
            clients(f, "due", 3, OVER_A_YEAR_AGO);
            clients(f, "fresh", 1, RECENT);
            long audits = f.count("SELECT COUNT(*) FROM custos_audit_record");

            SweepReport report = new RetentionSweeper(f.runtime).sweep(SweepOptions.defaults().withDryRun(true));

            assertThat(report.dryRun()).isTrue();
            assertThat(report.erased()).isEqualTo(3);
            assertThat(report.detail().code()).isEqualTo("CUSTOS-04608");
            assertThat(f.count("SELECT COUNT(*) FROM Client WHERE name IS NULL")).isZero();
            assertThat(f.erasureLog()).isZero();
            assertThat(f.count("SELECT COUNT(*) FROM custos_audit_record")).isEqualTo(audits);
        }
    }

    @ProviderMatrix
    void thePreviewListsWhatIsDueUnderWhichRuleAndWhyTheRestIsKept(JpaUnit unit) throws Exception {
        try (SweepFixture f = new SweepFixture(unit)) {
            clients(f, "due", 1, OVER_A_YEAR_AGO);
            clients(f, "fresh", 1, RECENT);
            clients(f, "held", 1, OVER_A_YEAR_AGO);
            f.hold("held1", "hold-1");

            List<PreviewEntry> preview = new RetentionSweeper(f.runtime).preview(100);

            assertThat(preview).filteredOn(e -> e.ruleId().equals("P1Y after last-session"))
                    .extracting(e -> e.entityId() + " " + e.status() + " " + e.detail().code().startsWith("CUSTOS-011"))
                    .containsExactly("due1 DUE true", "fresh1 RETAINED true", "held1 HELD true");
            PreviewEntry fresh = preview.stream().filter(e -> e.entityId().equals("fresh1")
                    && e.ruleId().startsWith("P1Y")).findFirst().orElseThrow();
            assertThat(fresh.dueAt()).contains(Instant.parse("2026-01-10T23:00:00Z").minusNanos(1));
            assertThat(fresh.attributes()).containsExactly("name");
            assertThat(preview).filteredOn(e -> e.ruleId().equals("newsletter")).isEmpty(); // no e-mails stored
            assertThat(new RetentionSweeper(f.runtime).preview(1)).hasSize(1);
            assertThat(f.erasureLog()).isZero();
        }
    }

    @ProviderMatrix
    void rowsAreDeletedAnonymisedAndPseudonymisedWithTheirDerivedCopies(JpaUnit unit) throws Exception {
        try (SweepFixture f = new SweepFixture(unit)) {
            f.persist(em -> {
                em.persist(new Inquiry(1L, "p1", LocalDateTime.of(2024, 3, 1, 10, 0), "call me"));
                em.persist(new Inquiry(2L, "p2", LocalDateTime.of(2025, 3, 1, 10, 0), "call me too"));
                em.persist(new Member(1L, "m1", OVER_A_YEAR_AGO, "Bobby", 1980));
                em.persist(new Member(2L, "m2", RECENT, "Kit", 1990));
            });

            SweepReport report = new RetentionSweeper(f.runtime).sweep();

            assertThat(f.count("SELECT COUNT(*) FROM Inquiry")).isEqualTo(1);
            assertThat(f.count("SELECT COUNT(*) FROM Inquiry WHERE id = 2")).isEqualTo(1);
            assertThat(f.text("SELECT nickname FROM Member WHERE id = 1")).matches("ps1:[0-9a-f]{32}");
            assertThat(f.text("SELECT birthYear FROM Member WHERE id = 1")).isEqualTo("0");
            assertThat(f.text("SELECT searchName FROM Member WHERE id = 1")).isEqualTo("anonymised");
            assertThat(f.text("SELECT nickname FROM Member WHERE id = 2")).isEqualTo("Kit");
            assertThat(report.erased()).isEqualTo(2); // rows: the member's two strategies erase it in one go
            assertThat(f.count("SELECT COUNT(*) FROM custos_erasure_log WHERE entity_name = 'Inquiry'"
                    + " AND attributes = '*' AND strategy = 'DELETE_ROW'")).isEqualTo(1);
            assertThat(f.count("SELECT COUNT(*) FROM custos_erasure_log WHERE entity_name = 'Member'"))
                    .isEqualTo(2);

            SweepReport again = new RetentionSweeper(f.runtime).sweep();
            assertThat(again.erased()).isZero();
            assertThat(again.alreadyErased()).isEqualTo(1);
            assertThat(f.erasureLog()).isEqualTo(3);
            assertThat(f.erasedRowsAudited()).isEqualTo(3);
        }
    }

    @ProviderMatrix
    void aBatchThatFailsIsRolledBackAloneRecordedInTheReportAndTheSweepGoesOn(JpaUnit unit) throws Exception {
        try (SweepFixture f = new SweepFixture(unit)) {
            clients(f, "due", 5, OVER_A_YEAR_AGO);
            f.persist(em -> em.persist(new Inquiry(1L, "p1", LocalDateTime.of(2024, 3, 1, 10, 0), "call me")));
            // the database refuses to null due3's name, so the second batch (due3, due4) fails halfway
            f.execute("ALTER TABLE Client ADD CONSTRAINT keep_due3 CHECK (clientId <> 'due3' OR name IS NOT NULL)");
            List<SweepProgress> progress = new ArrayList<>();

            SweepReport report = new RetentionSweeper(f.runtime).sweep(SweepOptions.defaults().withBatchSize(2)
                    .withListener(progress::add));

            assertThat(report.outcome()).isEqualTo(SweepReport.Outcome.COMPLETED_WITH_FAILURES);
            assertThat(report.detail().code()).isEqualTo("CUSTOS-04611");
            assertThat(report.failures()).extracting(m -> m.code()).containsExactly("CUSTOS-04607");
            assertThat(report.failures().get(0).text()).contains("Batch 2 of Client");
            // the batches after the failed one, and the other entities, were swept all the same
            assertThat(progress).filteredOn(p -> p.entity().equals("Client") && p.ruleId().startsWith("P1Y"))
                    .extracting(SweepProgress::batch).containsExactly(1, 3);
            assertThat(report.erased()).isEqualTo(4);
            assertThat(f.count("SELECT COUNT(*) FROM Client WHERE name IS NULL")).isEqualTo(3);
            assertThat(f.text("SELECT name FROM Client WHERE clientId = 'due4'")).isEqualTo("Name due4");
            assertThat(f.text("SELECT name FROM Client WHERE clientId = 'due5'")).isNull();
            assertThat(f.count("SELECT COUNT(*) FROM Inquiry")).isZero();
            assertThat(f.erasureLog()).isEqualTo(4);
            assertThat(f.erasedRowsAudited()).isEqualTo(4);

            f.execute("ALTER TABLE Client DROP CONSTRAINT keep_due3");
            SweepReport next = new RetentionSweeper(f.runtime).sweep();
            assertThat(next.outcome()).isEqualTo(SweepReport.Outcome.COMPLETED);
            assertThat(next.failures()).isEmpty();
            assertThat(next.erased()).isEqualTo(2);
            assertThat(f.count("SELECT COUNT(*) FROM Client WHERE name IS NULL")).isEqualTo(5);
            assertThat(f.erasureLog()).isEqualTo(6);
            assertThat(f.erasedRowsAudited()).isEqualTo(6);
            assertThat(f.duplicates()).isZero();
            assertThat(f.verifyWriteChain().intact()).isTrue();
        }
    }

    @ProviderMatrix
    void rowsLoggedAsErasedBeforeAreNeverErasedAgain(JpaUnit unit) throws Exception {
        try (SweepFixture f = new SweepFixture(unit)) {
            clients(f, "due", 2, OVER_A_YEAR_AGO);
            try (Connection c = f.db.transaction()) {
                new ErasureLog().logOnce(c, new ErasureEntry("other-node", "Client", "due1", List.of("name"),
                        "NULLIFY", "P1Y after last-session", SweepFixture.NOW, SweepFixture.NOW, Optional.empty()));
                c.commit();
            }
            SweepReport report = new RetentionSweeper(f.runtime).sweep();
            assertThat(report.erased()).isEqualTo(1);
            assertThat(report.alreadyErased()).isEqualTo(1);
            assertThat(f.text("SELECT name FROM Client WHERE clientId = 'due1'")).isEqualTo("Name due1");
            assertThat(f.erasureLog()).isEqualTo(2);
            assertThat(f.erasedRowsAudited()).isEqualTo(1);
        }
    }

    @ProviderMatrix
    void entitiesLoadedBeforeTheSweepAreReadErasedAfterwards(JpaUnit unit) throws Exception {
        try (SweepFixture f = new SweepFixture(unit)) {
            // an e-mail, because Hibernate's masking of a null consent-based value fails (MaskedState, not ours)
            f.persist(em -> em.persist(new Client("due1", "Name due1", "d@example.org", OVER_A_YEAR_AGO)));
            String before = JpaUnit.inTransactionReturning(f.emf, em -> em.find(Client.class, "due1").name);
            assertThat(before).isEqualTo("Name due1"); // now in EclipseLink's shared cache
            new RetentionSweeper(f.runtime).sweep();
            String after = JpaUnit.inTransactionReturning(f.emf, em -> em.find(Client.class, "due1").name);
            assertThat(after).isNull();
        }
    }

    @ProviderMatrix
    void aSweeperWhoseLeaseIsTakenOverStopsAfterItsCommittedBatches(JpaUnit unit) throws Exception {
        try (SweepFixture f = new SweepFixture(unit)) {
            clients(f, "due", 5, OVER_A_YEAR_AGO);
            SweepOptions slow = SweepOptions.defaults().withBatchSize(2).withListener(progress -> {
                if (progress.batch() == 1) {
                    // the batch took longer than the lease lasts, and another node took the lease over
                    f.clock.set(SweepFixture.NOW.plus(RetentionSweeper.LEASE_TTL).plusSeconds(1));
                    try (Connection c = f.db.transaction()) {
                        new SweepLease().tryAcquire(c, RetentionSweeper.LEASE, "node-b", f.clock.instant(),
                                Duration.ofMinutes(5));
                        c.commit();
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });

            SweepReport report = new RetentionSweeper(f.runtime).sweep(slow);

            assertThat(report.outcome()).isEqualTo(SweepReport.Outcome.LEASE_LOST);
            assertThat(report.detail().code()).isEqualTo("CUSTOS-04604");
            assertThat(report.erased()).isEqualTo(2);
            assertThat(f.count("SELECT COUNT(*) FROM Client WHERE name IS NULL")).isEqualTo(2);
            assertThat(f.text("SELECT holder FROM custos_sweep_lease")).isEqualTo("node-b");
        }
    }
}
