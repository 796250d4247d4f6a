// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.CustosException;
import dev.custos.core.audit.AuditAction;
import dev.custos.core.audit.AuditEvent;
import dev.custos.core.audit.AuditOutcome;
import dev.custos.core.audit.AuditRecord;
import dev.custos.core.audit.ChainVerification;
import dev.custos.jpa.testing.DatabaseTest;
import dev.custos.jpa.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

class AuditTrailTest {

    static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

    private final AuditTrail trail = new AuditTrail();
    private final SubjectKeys keys = new SubjectKeys();

    static AuditEvent read(String subjectRef, Instant at) {
        return new AuditEvent(at, "dr.hansen", subjectRef, AuditAction.READ, "JournalEntry", "42",
                List.of("note", "diagnosis"), "treatment", "LEGAL_OBLIGATION", AuditOutcome.PERMITTED, "");
    }

    @DatabaseTest
    void aRecordNamesEveryLegalBasisOfItsFields(String database) throws Exception {
        String bases = String.join("; ", java.util.Collections.nCopies(12, "GDPR Art. 6(1)(c); GDPR Art. 9(2)(h)"));
        try (TestDatabase db = TestDatabase.migrated(database); Connection c = db.transaction()) {
            trail.append(c, new AuditEvent(T0, "dr.hansen", "", AuditAction.UPDATE, "JournalEntry", "42",
                    List.of("note"), "treatment", bases, AuditOutcome.DONE, ""));
            c.commit();
            assertThat(trail.verify(c).intact()).isTrue();
        }
    }

    @DatabaseTest
    void appendedRecordsVerify(String database) throws Exception {
        try (TestDatabase db = TestDatabase.migrated(database); Connection c = db.transaction()) {
            assertThat(trail.verify(c).intact()).isTrue();
            AuditRecord first = trail.append(c, read("ps1:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", T0));
            AuditRecord second = trail.append(c, read("", T0.plusSeconds(1)));
            AuditRecord third = trail.append(c, read("ps1:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", T0.plusSeconds(2)));
            c.commit();

            assertThat(List.of(first.sequence(), second.sequence(), third.sequence())).containsExactly(1L, 2L, 3L);
            assertThat(second.previousHash()).isEqualTo(first.hash());
            ChainVerification result = trail.verify(c);
            assertThat(result.intact()).isTrue();
            assertThat(result.recordsChecked()).isEqualTo(3);
            assertThat(result.verifiedHead()).isEqualTo(trail.head(c));
            assertThat(trail.head(c).hash()).isEqualTo(third.hash());
        }
    }

    @DatabaseTest
    void aBatchOfRecordsContinuesTheChainAsSingleAppendsWould(String database) throws Exception {
        try (TestDatabase db = TestDatabase.migrated(database); Connection c = db.transaction()) {
            AuditRecord first = trail.append(c, read("ps1:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", T0));
            List<AuditEvent> events = new ArrayList<>();
            for (int i = 1; i <= 250; i++) { // more than one JDBC batch
                events.add(read(i % 2 == 0 ? "" : "ps1:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", T0.plusSeconds(i)));
            }
            List<AuditRecord> batch = trail.appendAll(c, events);
            assertThat(trail.appendAll(c, List.of())).isEmpty();
            AuditRecord after = trail.append(c, read("", T0.plusSeconds(300)));
            c.commit();

            assertThat(batch).hasSize(250);
            assertThat(batch.get(0).sequence()).isEqualTo(2L);
            assertThat(batch.get(0).previousHash()).isEqualTo(first.hash());
            assertThat(batch.get(249).sequence()).isEqualTo(251L);
            assertThat(after.previousHash()).isEqualTo(batch.get(249).hash());
            ChainVerification result = trail.verify(c);
            assertThat(result.intact()).isTrue();
            assertThat(result.recordsChecked()).isEqualTo(252);
            assertThat(trail.forSubject(c, "ps1:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", T0, T0.plusSeconds(400)))
                    .hasSize(125);
        }
    }

    /**
     * A batch of records is written by COPY on PostgreSQL (text format, backslash escapes) and by JDBC batches
     * elsewhere: either way every character, an empty text (stored as NULL) and a list of row ids read back
     * exactly as hashed, so the chain verifies.
     */
    @DatabaseTest
    void aBatchKeepsEveryCharacterAndRowListAsHashed(String database) throws Exception {
        try (TestDatabase db = TestDatabase.migrated(database); Connection c = db.transaction()) {
            String ids = EntityIdList.lists(List.of("7", "a,b", "c\\d", "tab\there", "line\nbreak", "\\N")).get(0);
            String manyIds = EntityIdList.lists(java.util.stream.IntStream.range(0, 3000)
                    .mapToObj(Integer::toString).toList()).get(0);
            List<AuditEvent> events = List.of(
                    new AuditEvent(T0.plusNanos(123_456_000), "dr.\u00f8stergaard\tx", "ps1:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                            AuditAction.READ, "JournalEntry", ids, List.of("note"), "", "GDPR Art. 9(2)(h)",
                            AuditOutcome.PERMITTED, "line one\r\nline \\N two \ud83d\ude00"),
                    new AuditEvent(T0.plusSeconds(1), "dr.hansen", "ps1:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                            AuditAction.READ, "JournalEntry", manyIds, List.of(), "treatment", "", AuditOutcome.PERMITTED,
                            ""));
            List<AuditRecord> appended = trail.appendAll(c, events);
            c.commit();

            assertThat(trail.forSubject(c, "ps1:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", T0, T0.plusSeconds(2)))
                    .containsExactlyElementsOf(appended);
            assertThat(EntityIdList.ids(appended.get(0).event().entityId()))
                    .containsExactly("7", "a,b", "c\\d", "tab\there", "line\nbreak", "\\N");
            assertThat(EntityIdList.ids(appended.get(1).event().entityId())).hasSize(3000);
            assertThat(trail.verify(c).intact()).isTrue();
        }
    }

    @DatabaseTest
    void aRowForgedWithSqlIsCaughtAtItsSequence(String database) throws Exception {
        try (TestDatabase db = TestDatabase.migrated(database); Connection c = db.transaction()) {
            AuditRecord last = null;
            for (int i = 0; i < 3; i++) {
                last = trail.append(c, read("ps1:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", T0.plusSeconds(i)));
            }
            c.commit();
            // INSERT is allowed, so a forger can add a row, with a plausible link but a made-up hash.
            try (PreparedStatement forge = c.prepareStatement("INSERT INTO custos_audit_record (chain_id, record_seq,"
                    + " occurred_at, actor, action, outcome, previous_hash, record_hash)"
                    + " VALUES (1, 4, {ts '2024-03-01 10:00:05'}, 'dr.hansen', 'DELETE', 'DONE', ?, ?)")) {
                forge.setString(1, last.hash());
                forge.setString(2, "a".repeat(64));
                forge.executeUpdate();
            }
            c.commit();

            ChainVerification result = trail.verify(c);

            assertThat(result.intact()).isFalse();
            assertThat(result.firstBroken()).hasValue(4);
            assertThat(result.problem().orElseThrow().code()).isEqualTo("CUSTOS-02301");
            assertThat(result.verifiedHead().sequence()).isEqualTo(3);
        }
    }

    @DatabaseTest
    void aRowWithAnActionCustosNeverWritesBreaksTheChainThere(String database) throws Exception {
        try (TestDatabase db = TestDatabase.migrated(database); Connection c = db.transaction()) {
            AuditRecord first = trail.append(c, read("ps1:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", T0));
            try (PreparedStatement forge = c.prepareStatement("INSERT INTO custos_audit_record (chain_id, record_seq,"
                    + " occurred_at, actor, action, outcome, previous_hash, record_hash)"
                    + " VALUES (1, 2, {ts '2024-03-01 10:00:05'}, 'x', 'SHRED', 'DONE', ?, ?)")) {
                forge.setString(1, first.hash());
                forge.setString(2, "b".repeat(64));
                forge.executeUpdate();
            }
            c.commit();

            ChainVerification result = trail.verify(c);

            assertThat(result.intact()).isFalse();
            assertThat(result.firstBroken()).hasValue(2);
            assertThat(result.problem().orElseThrow().code()).isEqualTo("CUSTOS-04204");
            assertThat(result.recordsChecked()).isEqualTo(2);
        }
    }

    @DatabaseTest
    void theChainSurvivesShreddingTheSubjectsKey(String database) throws Exception {
        try (TestDatabase db = TestDatabase.migrated(database); Connection c = db.transaction()) {
            String ref = keys.pseudonym(c, "patient-7");
            trail.append(c, read(ref, T0));
            trail.append(c, read(keys.pseudonym(c, "patient-8"), T0.plusSeconds(1)));
            trail.append(c, new AuditEvent(T0.plusSeconds(2), "custos-sweeper", ref, AuditAction.ERASE,
                    "JournalEntry", "42", List.of("note"), "", "", AuditOutcome.DONE, "CUSTOS-01101"));
            c.commit();
            assertThat(trail.forSubject(c, keys.existingPseudonym(c, "patient-7").orElseThrow(), T0,
                    T0.plusSeconds(60))).hasSize(2);

            assertThat(keys.shred(c, "patient-7")).isTrue();
            c.commit();

            assertThat(trail.verify(c).intact()).isTrue();
            assertThat(keys.existingPseudonym(c, "patient-7")).isEmpty();
            // The records are still there and still say what was done, under a pseudonym nobody can compute.
            List<AuditRecord> stillThere = trail.forSubject(c, ref, T0, T0.plusSeconds(60));
            assertThat(stillThere).extracting(r -> r.event().action())
                    .containsExactly(AuditAction.READ, AuditAction.ERASE);
            assertThat(stillThere).allMatch(r -> !r.event().subjectRef().contains("patient-7"));
            // A new key would give another pseudonym, not the old one.
            assertThat(keys.pseudonym(c, "patient-7")).isNotEqualTo(ref);
        }
    }

    @DatabaseTest
    void findsASubjectsRecordsBetweenTwoInstants(String database) throws Exception {
        try (TestDatabase db = TestDatabase.migrated(database); Connection c = db.transaction()) {
            for (int day = 0; day < 5; day++) {
                trail.append(c, read("ps1:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", T0.plusSeconds(86_400L * day)));
                trail.append(c, read("ps1:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", T0.plusSeconds(86_400L * day)));
            }
            c.commit();

            List<AuditRecord> found = trail.forSubject(c, "ps1:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", T0.plusSeconds(86_400),
                    T0.plusSeconds(86_400 * 3));

            assertThat(found).extracting(r -> r.event().occurredAt())
                    .containsExactly(T0.plusSeconds(86_400), T0.plusSeconds(86_400 * 2));
            assertThat(found).allMatch(r -> r.event().subjectRef().equals("ps1:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
            assertThat(found.get(0).event()).isEqualTo(read("ps1:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", T0.plusSeconds(86_400)));
        }
    }

    @DatabaseTest
    void instantsAreStoredToTheMicrosecondBeforeHashing(String database) throws Exception {
        try (TestDatabase db = TestDatabase.migrated(database); Connection c = db.transaction()) {
            AuditRecord record = trail.append(c, read("ps1:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", Instant.parse("2024-03-01T10:00:00.123456789Z")));
            c.commit();

            assertThat(record.event().occurredAt()).isEqualTo(Instant.parse("2024-03-01T10:00:00.123456Z"));
            assertThat(trail.verify(c).intact()).isTrue();
        }
    }

    @DatabaseTest
    void refusesToAppendOutsideATransaction(String database) throws Exception {
        try (TestDatabase db = TestDatabase.migrated(database); Connection c = db.connect()) {
            assertThatThrownBy(() -> trail.append(c, read("", T0)))
                    .isInstanceOfSatisfying(CustosException.class,
                            e -> assertThat(e.messageId()).isEqualTo("CUSTOS-04202"));
        }
    }

    @DatabaseTest
    void aRolledBackAppendLeavesNoTrace(String database) throws Exception {
        try (TestDatabase db = TestDatabase.migrated(database); Connection c = db.transaction()) {
            trail.append(c, read("", T0));
            c.commit();
            trail.append(c, read("", T0.plusSeconds(1)));
            c.rollback();
            AuditRecord next = trail.append(c, read("", T0.plusSeconds(2)));
            c.commit();

            assertThat(next.sequence()).isEqualTo(2);
            assertThat(trail.verify(c).intact()).isTrue();
        }
    }

    @DatabaseTest
    void concurrentAppendsInSeparateTransactionsKeepOneChain(String database) throws Exception {
        try (TestDatabase db = TestDatabase.migrated(database)) {
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                List<Future<?>> writers = new ArrayList<>();
                for (int w = 0; w < 3; w++) {
                    String actor = "writer-" + w;
                    writers.add(pool.submit(() -> {
                        try (Connection c = db.transaction()) {
                            for (int i = 0; i < 15; i++) {
                                trail.append(c, new AuditEvent(T0.plusSeconds(i), actor, "", AuditAction.READ, "",
                                        "", List.of(), "", "", AuditOutcome.DONE, ""));
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
            try (Connection c = db.connect()) {
                ChainVerification result = trail.verify(c);
                assertThat(result.intact()).as("%s", result.problem()).isTrue();
                assertThat(result.recordsChecked()).isEqualTo(45);
            }
        }
    }

    /**
     * A trail that keeps its head moves it from there with one conditional update; when another writer appended
     * since, or its last append rolled back, it finds the head moved and appends after the head as it is.
     */
    @DatabaseTest
    void aTrailKeepingItsHeadAppendsAfterOtherWritersAndRollbacks(String database) throws Exception {
        try (TestDatabase db = TestDatabase.migrated(database); Connection c = db.transaction()) {
            AuditTrail kept = new AuditTrail(AuditTrail.DEFAULT_CHAIN, Clock.systemUTC()).keepingItsHead();
            AuditRecord first = kept.append(c, read("", T0));
            c.commit();
            AuditRecord second = kept.append(c, read("", T0.plusSeconds(1)));
            c.commit();
            AuditRecord other = trail.append(c, read("", T0.plusSeconds(2)));
            c.commit();
            AuditRecord third = kept.append(c, read("", T0.plusSeconds(3)));
            c.commit();
            kept.append(c, read("", T0.plusSeconds(4)));
            c.rollback();
            AuditRecord fourth = kept.appendAll(c, List.of(read("", T0.plusSeconds(5)), read("", T0.plusSeconds(6))))
                    .get(1);
            c.commit();

            assertThat(List.of(first.sequence(), second.sequence(), other.sequence(), third.sequence(),
                    fourth.sequence())).containsExactly(1L, 2L, 3L, 4L, 6L);
            assertThat(third.previousHash()).isEqualTo(other.hash());
            ChainVerification result = trail.verify(c);
            assertThat(result.intact()).as("%s", result.problem()).isTrue();
            assertThat(result.recordsChecked()).isEqualTo(6);
            assertThat(trail.head(c).hash()).isEqualTo(fourth.hash());
        }
    }

    /**
     * A read audit's append on an auto-commit connection: committed when it returns (in the statement that moves the
     * head on PostgreSQL, in a transaction of its own elsewhere), seen at once from another connection, the
     * connection left in auto-commit mode; after another writer appended, and for more records than that statement
     * takes, the chain goes on from the head as it is.
     */
    @DatabaseTest
    void aCommittedAppendIsSeenAtOnceAndContinuesTheChain(String database) throws Exception {
        try (TestDatabase db = TestDatabase.migrated(database); Connection auto = db.connect();
             Connection other = db.transaction()) {
            auto.setAutoCommit(true);
            AuditTrail kept = new AuditTrail(AuditTrail.DEFAULT_CHAIN, Clock.systemUTC()).keepingItsHead();
            kept.appendCommitted(auto, List.of(read("", T0)));
            AuditRecord second = kept.appendCommitted(auto, List.of(read("", T0.plusSeconds(1)),
                    read("", T0.plusSeconds(2)))).get(1);
            assertThat(auto.getAutoCommit()).isTrue();
            assertThat(trail.head(other).sequence()).isEqualTo(3);
            assertThat(trail.head(other).hash()).isEqualTo(second.hash());
            other.commit();
            AuditRecord byOther = trail.append(other, read("", T0.plusSeconds(3)));
            other.commit();
            AuditRecord afterOther = kept.appendCommitted(auto, List.of(read("", T0.plusSeconds(4)))).get(0);
            List<AuditEvent> many = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                many.add(read("", T0.plusSeconds(5 + i)));
            }
            List<AuditRecord> manyRecords = kept.appendCommitted(auto, many);
            AuditRecord last = kept.appendCommitted(auto, List.of(read("", T0.plusSeconds(30)))).get(0);
            assertThat(auto.getAutoCommit()).isTrue();

            assertThat(afterOther.sequence()).isEqualTo(5);
            assertThat(afterOther.previousHash()).isEqualTo(byOther.hash());
            assertThat(manyRecords.get(24).sequence()).isEqualTo(30);
            assertThat(last.previousHash()).isEqualTo(manyRecords.get(24).hash());
            ChainVerification result = trail.verify(other);
            assertThat(result.intact()).as("%s", result.problem()).isTrue();
            assertThat(result.recordsChecked()).isEqualTo(31);
        }
    }

    /**
     * An append that fails on an auto-commit connection (a field name the column cannot hold) writes nothing, leaves
     * the connection in auto-commit mode, and the next append continues the chain as stored.
     */
    @DatabaseTest
    void aFailedCommittedAppendLeavesNoTrace(String database) throws Exception {
        try (TestDatabase db = TestDatabase.migrated(database); Connection auto = db.connect()) {
            auto.setAutoCommit(true);
            AuditTrail kept = new AuditTrail(AuditTrail.DEFAULT_CHAIN, Clock.systemUTC()).keepingItsHead();
            AuditRecord first = kept.appendCommitted(auto, List.of(read("", T0))).get(0);
            List<AuditEvent> tooLong = new ArrayList<>();
            for (int i = 0; i < 25; i++) { // past the one-statement path: a transaction that must roll back
                tooLong.add(new AuditEvent(T0.plusSeconds(1), "x".repeat(5000), "", AuditAction.READ, "", "",
                        List.of(), "", "", AuditOutcome.DONE, ""));
            }
            assertThatThrownBy(() -> kept.appendCommitted(auto, tooLong)).isInstanceOf(CustosException.class);
            assertThat(auto.getAutoCommit()).isTrue();
            AuditRecord next = kept.appendCommitted(auto, List.of(read("", T0.plusSeconds(2)))).get(0);

            assertThat(next.sequence()).isEqualTo(2);
            assertThat(next.previousHash()).isEqualTo(first.hash());
            ChainVerification result = trail.verify(auto);
            assertThat(result.intact()).as("%s", result.problem()).isTrue();
            assertThat(result.recordsChecked()).isEqualTo(2);
        }
    }

    /** Three nodes' trails, each keeping its head, appending at once: their conditional moves keep one chain. */
    @DatabaseTest
    void concurrentTrailsKeepingTheirHeadsKeepOneChain(String database) throws Exception {
        try (TestDatabase db = TestDatabase.migrated(database)) {
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                List<Future<?>> writers = new ArrayList<>();
                for (int w = 0; w < 3; w++) {
                    String actor = "writer-" + w;
                    AuditTrail node = new AuditTrail(AuditTrail.DEFAULT_CHAIN, Clock.systemUTC())
                            .keepingItsHead();
                    writers.add(pool.submit(() -> {
                        try (Connection c = db.transaction()) {
                            for (int i = 0; i < 15; i++) {
                                node.appendAll(c, List.of(new AuditEvent(T0.plusSeconds(i), actor, "",
                                        AuditAction.READ, "", "", List.of(), "", "", AuditOutcome.DONE, ""),
                                        new AuditEvent(T0.plusSeconds(i), actor, "", AuditAction.READ, "", "",
                                                List.of(), "", "", AuditOutcome.DONE, "")));
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
            try (Connection c = db.connect()) {
                ChainVerification result = trail.verify(c);
                assertThat(result.intact()).as("%s", result.problem()).isTrue();
                assertThat(result.recordsChecked()).isEqualTo(90);
            }
        }
    }
}
