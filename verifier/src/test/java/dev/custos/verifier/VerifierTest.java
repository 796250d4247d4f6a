// SPDX-License-Identifier: Apache-2.0
package dev.custos.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.audit.AuditAction;
import dev.custos.core.audit.AuditChain;
import dev.custos.core.audit.AuditEvent;
import dev.custos.core.audit.AuditOutcome;
import dev.custos.core.audit.AuditRecord;
import dev.custos.core.consent.ConsentEvent;
import dev.custos.core.audit.Checkpoint;
import dev.custos.jpa.internal.store.AuditPartitionStore;
import dev.custos.jpa.internal.store.AuditTrail;
import dev.custos.jpa.internal.store.CheckpointSigner;
import dev.custos.jpa.internal.store.ConsentLedger;
import dev.custos.jpa.internal.store.SubjectKeys;
import dev.custos.jpa.testing.DatabaseTest;
import dev.custos.jpa.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verifier against databases Custos wrote: intact, with a changed row, cut short, and rewritten with recomputed
 * hashes. The last two look intact to anyone who trusts the head rows; the signed checkpoints find them.
 */
class VerifierTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final String SECRET = "Kari Nordmann"; // a value the report must never show

    @TempDir
    Path folder;

    private KeyPair keys;
    private Path publicKey;

    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void keys() throws Exception {
        keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        publicKey = Files.writeString(folder.resolve("custos-checkpoint.pub"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
    }

    static AuditEvent event(int i, String actor) {
        return new AuditEvent(T0.plusSeconds(i), actor, "", AuditAction.UPDATE, "JournalEntry", Integer.toString(i),
                List.of("note"), "treatment", "LEGAL_OBLIGATION", AuditOutcome.DONE, "");
    }

    /** Five records on the write chain, two on the read chain, two consent events; the heads signed. */
    List<AuditRecord> write(TestDatabase db) throws Exception {
        List<AuditRecord> records = new ArrayList<>();
        try (Connection c = db.transaction()) {
            AuditTrail writes = new AuditTrail();
            for (int i = 1; i <= 5; i++) {
                records.add(writes.append(c, event(i, "dr.hansen")));
            }
            AuditTrail reads = new AuditTrail(2, Clock.systemUTC());
            reads.append(c, event(6, "dr.berg"));
            reads.append(c, event(7, "dr.berg"));
            ConsentLedger ledger = new ConsentLedger(new SubjectKeys());
            ledger.record(c, ConsentEvent.given("kari", "newsletter", T0, "n1"), "web");
            ledger.record(c, ConsentEvent.withdrawn("kari", "newsletter", T0.plusSeconds(60)), "web");
            c.commit();
            new CheckpointSigner(keys.getPrivate(), Clock.systemUTC()).sign(c);
            c.commit();
        }
        return records;
    }

    Run verify(TestDatabase db, String... more) {
        List<String> args = new ArrayList<>(List.of("--url", db.url()));
        if (!db.user().isEmpty()) {
            args.addAll(List.of("--user", db.user(), "--password-env", "CUSTOS_TEST_PASSWORD"));
        }
        args.addAll(List.of(more));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("CUSTOS_TEST_PASSWORD", db.password())::get);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @DatabaseTest
    void anIntactDatabaseVerifiesWithAndWithoutTheKey(String database) throws Exception {
        try (TestDatabase db = TestDatabase.migrated(database)) {
            write(db);
            Run signed = verify(db, "--public-key", publicKey.toString());
            assertThat(signed.exit()).as(signed.out() + signed.err()).isZero();
            assertThat(signed.out()).contains("CUSTOS-06020: Chain audit/1: intact, 5 record(s), head at record 5")
                    .contains("CUSTOS-06020: Chain audit/2: intact, 2 record(s)")
                    .contains("CUSTOS-06020: Chain ledger: intact, 2 record(s)")
                    .contains("CUSTOS-06021: Chain audit/1: signed up to record 5")
                    .contains("CUSTOS-06024: 3 chain(s) intact, 0 broken");

            Run unsigned = verify(db);
            assertThat(unsigned.exit()).isZero();
            assertThat(unsigned.out()).contains("CUSTOS-06023");

            Run json = verify(db, "--public-key", publicKey.toString(), "--json");
            assertThat(json.out()).startsWith("{\"intact\":true,\"signaturesChecked\":true,\"chains\":[")
                    .contains("{\"chain\":\"audit/1\",\"intact\":true,\"records\":5,\"head\":5,\"signedUpTo\":5,");
        }
    }

    /** The auditor guide's account: SELECT on the five tables the verifier reads, nothing else. */
    @DatabaseTest
    void anAccountWithTheAuditorGuidesGrantsIsEnough(String database) throws Exception {
        Assumptions.assumeTrue(TestDatabase.POSTGRESQL.equals(database), "roles and grants: PostgreSQL");
        try (TestDatabase db = TestDatabase.migrated(database)) {
            write(db);
            String schema = db.url().substring(db.url().indexOf("currentSchema=") + "currentSchema=".length());
            String role = "custos_auditor_" + schema.substring(schema.length() - 12);
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE ROLE " + role + " LOGIN");
                s.execute("GRANT USAGE ON SCHEMA " + schema + " TO " + role);
                s.execute("GRANT SELECT ON " + schema + ".custos_audit_record, " + schema + ".custos_audit_head, "
                        + schema + ".custos_consent_event, " + schema + ".custos_consent_head, " + schema
                        + ".custos_checkpoint TO " + role);
            }
            try {
                List<String> args = List.of("--url", db.url(), "--user", role, "--public-key", publicKey.toString());
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int exit = Main.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(out, true, StandardCharsets.UTF_8), name -> null);
                assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
            } finally {
                try (Connection c = db.connect(); Statement s = c.createStatement()) {
                    s.execute("DROP OWNED BY " + role);
                    s.execute("DROP ROLE " + role);
                }
            }
        }
    }

    /** The operations guide's OpenSSL commands made these two files (a key for this test only). */
    @DatabaseTest
    void keysMadeWithOpenSslSignAndVerify(String database) throws Exception {
        Path openssl = Path.of(VerifierTest.class.getResource("/openssl/test-only-checkpoint.key").toURI()).getParent();
        try (TestDatabase db = TestDatabase.migrated(database); Connection c = db.transaction()) {
            new AuditTrail().append(c, event(1, "dr.hansen"));
            c.commit();
            new CheckpointSigner(CheckpointSigner.readKey("key", openssl.resolve("test-only-checkpoint.key")),
                    Clock.systemUTC()).sign(c);
            c.commit();
            Run run = verify(db, "--public-key", openssl.resolve("test-only-checkpoint.pub").toString());
            assertThat(run.exit()).as(run.out() + run.err()).isZero();
            assertThat(run.out()).contains("CUSTOS-06021: Chain audit/1: signed up to record 1");
        }
    }

    @DatabaseTest
    void aChangedRowBreaksItsChainAndTheReportNamesTheRecordNotTheValue(String database) throws Exception {
        try (TestDatabase db = TestDatabase.migrated(database)) {
            write(db);
            Tampering.run(db, "custos_audit_record", "UPDATE custos_audit_record SET actor = '" + SECRET
                    + "' WHERE chain_id = 1 AND record_seq = 3");

            for (Run run : List.of(verify(db), verify(db, "--public-key", publicKey.toString()))) {
                assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(Main.BROKEN);
                assertThat(run.out()).contains("CUSTOS-06022: Chain audit/1: BROKEN from record 3")
                        .contains("CUSTOS-02301") // sdk-core's "content changed"
                        .contains("CUSTOS-06020: Chain audit/2: intact").doesNotContain(SECRET);
            }
            Run json = verify(db, "--json");
            assertThat(json.out()).contains("\"firstBroken\":3").doesNotContain(SECRET);
        }
    }

    /** PostgreSQL's key includes the month, so it takes a second record 500 in another month's partition. */
    @DatabaseTest
    void aSecondRecordWithASequenceNumberIsABreakEvenAtAPageBoundary(String database) throws Exception {
        Assumptions.assumeTrue(TestDatabase.POSTGRESQL.equals(database), "the key refuses it elsewhere");
        try (TestDatabase db = TestDatabase.migrated(database)) {
            try (Connection c = db.transaction()) {
                AuditTrail writes = new AuditTrail();
                for (int i = 1; i <= ChainRows.PAGE + 1; i++) {
                    writes.append(c, event(i, "dr.hansen"));
                }
                c.commit();
            }
            assertThat(verify(db).exit()).isZero();
            try (Connection c = db.transaction(); Statement s = c.createStatement()) {
                s.execute("CREATE TEMPORARY TABLE forged AS SELECT * FROM custos_audit_record WHERE chain_id = 1"
                        + " AND record_seq = " + ChainRows.PAGE);
                s.execute("UPDATE forged SET occurred_at = occurred_at + INTERVAL '2 months', detail = 'forged'");
                s.execute("INSERT INTO custos_audit_record SELECT * FROM forged");
                c.commit();
            }

            Run run = verify(db);

            assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(Main.BROKEN);
            // from record 500 when the forged copy is read first, from 501 when it follows the real one
            assertThat(run.out()).containsAnyOf("CUSTOS-06022: Chain audit/1: BROKEN from record 500",
                    "CUSTOS-06022: Chain audit/1: BROKEN from record 501");
        }
    }

    @DatabaseTest
    void aChangedConsentEventBreaksTheLedger(String database) throws Exception {
        try (TestDatabase db = TestDatabase.migrated(database)) {
            write(db);
            Tampering.run(db, "custos_consent_event", "UPDATE custos_consent_event SET purpose = 'research'"
                    + " WHERE chain_seq = 2");
            Run run = verify(db, "--public-key", publicKey.toString());
            assertThat(run.exit()).isEqualTo(Main.BROKEN);
            assertThat(run.out()).contains("CUSTOS-06022: Chain ledger: BROKEN from record 2");
        }
    }

    @DatabaseTest
    void aTailCutOffWithItsHeadIsFoundOnlyByTheSignedCheckpoint(String database) throws Exception {
        try (TestDatabase db = TestDatabase.migrated(database)) {
            AuditRecord third = write(db).get(2);
            Tampering.run(db, "custos_audit_record",
                    "DELETE FROM custos_audit_record WHERE chain_id = 1 AND record_seq > 3",
                    "UPDATE custos_audit_head SET last_seq = 3, last_hash = '" + third.hash() + "' WHERE chain_id = 1");

            assertThat(verify(db).exit()).as("consistent without the key").isZero();
            Run run = verify(db, "--public-key", publicKey.toString());
            assertThat(run.exit()).isEqualTo(Main.BROKEN);
            assertThat(run.out()).contains("CUSTOS-06022: Chain audit/1: BROKEN from record 4")
                    .contains("CUSTOS-06012: Chain audit/1 ends at record 3, but a checkpoint signed at")
                    .contains("covers record 5");
        }
    }

    @DatabaseTest
    void aChainRewrittenWithRecomputedHashesIsFoundByTheSignature(String database) throws Exception {
        try (TestDatabase db = TestDatabase.migrated(database)) {
            List<AuditRecord> records = write(db);
            AuditChain forged = AuditChain.resume(records.get(0).sequence(), records.get(0).hash());
            List<String> sql = new ArrayList<>();
            for (int i = 2; i <= 5; i++) {
                AuditRecord record = forged.append(event(i, "someone.else"));
                sql.add("UPDATE custos_audit_record SET actor = 'someone.else', previous_hash = '"
                        + record.previousHash() + "', record_hash = '" + record.hash() + "' WHERE chain_id = 1"
                        + " AND record_seq = " + i);
            }
            sql.add("UPDATE custos_audit_head SET last_hash = '" + forged.head().hash() + "' WHERE chain_id = 1");
            Tampering.run(db, "custos_audit_record", sql.toArray(String[]::new));

            assertThat(verify(db).exit()).as("consistent without the key").isZero();
            Run run = verify(db, "--public-key", publicKey.toString());
            assertThat(run.exit()).isEqualTo(Main.BROKEN);
            assertThat(run.out()).contains("CUSTOS-06022: Chain audit/1: BROKEN from record 1")
                    .contains("CUSTOS-06011: Chain audit/1: record 5 is not the record the checkpoint");
        }
    }

    @DatabaseTest
    void aCheckpointForgedInTheDatabaseOrAnUnsignedChainIsABreak(String database) throws Exception {
        try (TestDatabase db = TestDatabase.migrated(database)) {
            write(db);
            KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Path otherKey = Files.write(folder.resolve("other.der"), other.getPublic().getEncoded());
            Run wrongKey = verify(db, "--public-key", otherKey.toString());
            assertThat(wrongKey.exit()).isEqualTo(Main.BROKEN);
            assertThat(wrongKey.out()).contains("CUSTOS-06010: Chain audit/1: the checkpoint of record 5");
            // a key rotated: the old public key given next to the new one still checks the old checkpoints
            assertThat(verify(db, "--public-key", otherKey.toString(), "--public-key", publicKey.toString()).exit())
                    .isZero();

            try (Connection c = db.transaction()) {
                new AuditTrail(3, Clock.systemUTC()).append(c, event(8, "dr.hansen"));
                c.commit();
            }
            Run unsigned = verify(db, "--public-key", publicKey.toString());
            assertThat(unsigned.exit()).isEqualTo(Main.BROKEN);
            assertThat(unsigned.out()).contains("CUSTOS-06013: Chain audit/3 has 1 record(s) and no checkpoint");
        }
    }

    /**
     * Four records of chain 1 in January 2026 and three in February, the heads signed; January's partition exported
     * with its signed cut at record 4 (as AuditRetention does) and dropped. Issue 22.
     */
    private void dropJanuary(TestDatabase db, CheckpointSigner cutSigner) throws Exception {
        AuditPartitionStore store = new AuditPartitionStore();
        try (Connection c = db.transaction()) {
            store.create(c, YearMonth.of(2026, 1));
            store.create(c, YearMonth.of(2026, 2));
            AuditTrail trail = new AuditTrail();
            for (int i = 1; i <= 7; i++) {
                trail.append(c, new AuditEvent(Instant.parse(i <= 4 ? "2026-01-10T10:00:00Z" : "2026-02-10T10:00:00Z")
                        .plusSeconds(i), "dr.hansen", "", AuditAction.READ, "JournalEntry", Integer.toString(i),
                        List.of("note"), "treatment", "LEGAL_OBLIGATION", AuditOutcome.PERMITTED, ""));
            }
            c.commit();
            new CheckpointSigner(keys.getPrivate(), Clock.systemUTC()).sign(c);
            String january = AuditPartitionStore.name(YearMonth.of(2026, 1));
            cutSigner.signCut(c, 1, new Checkpoint(4, store.hash(c, january, 1, 4)));
            store.recordExport(c, january, new AuditPartitionStore.Exported(1, 1, 4, 4, "january.csv", "0".repeat(64)),
                    Instant.now());
            assertThat(store.drop(c, january)).isTrue();
            c.commit();
        }
    }

    @DatabaseTest
    void aChainWhosePartitionWasDroppedAfterItsExportVerifiesFromTheSignedCut(String database) throws Exception {
        Assumptions.assumeTrue(TestDatabase.POSTGRESQL.equals(database), "partitions: PostgreSQL");
        try (TestDatabase db = TestDatabase.migrated(database)) {
            dropJanuary(db, new CheckpointSigner(keys.getPrivate(), Clock.systemUTC()));

            Run run = verify(db, "--public-key", publicKey.toString());
            assertThat(run.exit()).as(run.out() + run.err()).isZero();
            assertThat(run.out()).contains("CUSTOS-06020: Chain audit/1: intact, 3 record(s), head at record 7")
                    .contains("CUSTOS-06026: Chain audit/1: records 1 to 4 were dropped")
                    .contains("CUSTOS-06021: Chain audit/1: signed up to record 7");
            assertThat(verify(db, "--json").out()).contains("\"droppedUpTo\":4");
            try (Connection c = db.transaction()) {
                assertThat(new AuditTrail().verify(c).intact()).as("Custos' own verification").isTrue();
                assertThat(new AuditTrail().verify(c, new CheckpointSigner(keys.getPrivate(), Clock.systemUTC()))
                        .intact()).isTrue();
                c.rollback();
            }

            // every record dropped: the chain is its signed cut and head
            Tampering.run(db, "custos_audit_record", "DELETE FROM custos_audit_record WHERE record_seq > 4");
            Run headOnly = verify(db, "--public-key", publicKey.toString());
            assertThat(headOnly.out()).contains("CUSTOS-06022: Chain audit/1: BROKEN from record 5")
                    .as("records removed after the cut are still a break");
        }
    }

    @DatabaseTest
    void aCutNotSignedWithTheKeyOrNoCutAtAllIsABreak(String database) throws Exception {
        Assumptions.assumeTrue(TestDatabase.POSTGRESQL.equals(database), "partitions: PostgreSQL");
        try (TestDatabase db = TestDatabase.migrated(database)) {
            KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            dropJanuary(db, new CheckpointSigner(other.getPrivate(), Clock.systemUTC()));
            Run run = verify(db, "--public-key", publicKey.toString());
            assertThat(run.exit()).isEqualTo(Main.BROKEN);
            assertThat(run.out()).contains("CUSTOS-06022: Chain audit/1: BROKEN from record 1")
                    .contains("CUSTOS-06025: Chain audit/1 starts at record 5, but no checkpoint of record 4");
            try (Connection c = db.transaction()) {
                assertThat(new AuditTrail().verify(c, new CheckpointSigner(keys.getPrivate(), Clock.systemUTC()))
                        .problem().orElseThrow().code()).isEqualTo("CUSTOS-04276");
                c.rollback();
            }
        }
        try (TestDatabase db = TestDatabase.migrated(database)) {
            YearMonth month = YearMonth.from(T0.atOffset(ZoneOffset.UTC));
            try (Connection c = db.transaction()) {
                new AuditPartitionStore().create(c, month);
                c.commit();
            }
            write(db);
            // the oldest month gone without an export: the owner dropped the partition
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE " + AuditPartitionStore.name(month));
            }
            for (Run run : List.of(verify(db), verify(db, "--public-key", publicKey.toString()))) {
                assertThat(run.exit()).isEqualTo(Main.BROKEN);
                assertThat(run.out()).contains("CUSTOS-06025: Chain audit/1 starts at record 6");
            }
            try (Connection c = db.transaction()) {
                assertThat(new AuditTrail().verify(c).intact()).as("Custos' own verification").isFalse();
                c.rollback();
            }
        }
    }
}
