// SPDX-License-Identifier: Apache-2.0
package dev.custos.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.audit.AuditAction;
import dev.custos.core.audit.AuditChain;
import dev.custos.core.audit.AuditEvent;
import dev.custos.core.audit.AuditOutcome;
import dev.custos.core.audit.AuditRecord;
import dev.custos.core.audit.ChainVerification;
import dev.custos.core.audit.Checkpoint;
import dev.custos.core.consent.ConsentEvent;
import dev.custos.jpa.internal.store.AuditTrail;
import dev.custos.jpa.internal.store.ConsentLedger;
import dev.custos.jpa.internal.store.SubjectKeys;
import dev.custos.jpa.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Scenario 3 of issue #8: random changes made straight in SQL by someone with DBA rights, who disables the
 * append-only triggers, tampers and enables them again: a value changed, a row deleted, a forged row inserted at a
 * random place, two rows' order swapped, the tail cut off, or (audit chains only) a consistent rewrite: a value
 * changed and every later hash and the head recomputed. Each tampering runs in a transaction of its own on
 * PostgreSQL (DDL is transactional there) and is rolled back after verification, so each starts from the same
 * intact chains. Every chain is longer than a verification page ({@code ChainPages.PAGE}, 500): audit chain 1
 * (writes and consent changes), audit chain 2 (reads) and the consent ledger; a third of the tamperings hit each.
 * Detected means {@link AuditTrail#verify} or {@link ConsentLedger#verify} reports the chain broken and names the
 * first broken record as the tampered one (truncation: the first missing one, through the head rows
 * {@code custos_audit_head} and {@code custos_consent_head}). A consistent rewrite passes that verification (the
 * test asserts so): it is detected by comparing the verified head with the checkpoint this test kept, outside the
 * database, after filling the chains. The ledger's events are numbered 1 to {@value #EVENTS} in both
 * {@code event_seq} and {@code chain_seq}, so the tampered row's number is the chain sequence expected.
 */
class TamperTest {

    /** Consent events in the ledger; each is audited on chain 1 too. */
    private static final int EVENTS = 510;
    /** Audit chain 1: journal writes, then the consent changes' records. */
    private static final int WRITES = 30;
    /** Audit chain 2: reads. */
    private static final int READS = 520;
    private static final int[] RECORDS = {0, WRITES + EVENTS, READS};
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final List<String> AUDIT_VALUES = List.of(
            "actor = actor || 'x'", "detail = COALESCE(detail, '') || 'x'", "entity_id = COALESCE(entity_id, '') || '9'",
            "entity_name = COALESCE(entity_name, '') || 'x'", "purpose = COALESCE(purpose, '') || 'x'",
            "occurred_at = occurred_at + INTERVAL '1 second'", "subject_ref = COALESCE(subject_ref, 'ps1:') || '0'",
            "field_names = COALESCE(field_names, '') || ',x'", "legal_basis = COALESCE(legal_basis, '') || 'x'",
            "outcome = CASE WHEN outcome = 'DONE' THEN 'PERMITTED' ELSE 'DONE' END",
            "action = CASE WHEN action = 'READ' THEN 'UPDATE' ELSE 'READ' END",
            "previous_hash = " + flipFirst("previous_hash"), "record_hash = " + flipFirst("record_hash"));
    private static final List<String> LEDGER_VALUES = List.of(
            "purpose = purpose || 'x'", "occurred_at = occurred_at - INTERVAL '1 day'",
            "event_type = CASE WHEN event_type = 'GIVEN' THEN 'WITHDRAWN' ELSE 'GIVEN' END",
            "notice_version = COALESCE(notice_version, '') || 'x'", "recorded_by = recorded_by || 'x'",
            "expires_at = COALESCE(expires_at, occurred_at) + INTERVAL '10 years'",
            "recorded_at = recorded_at + INTERVAL '1 second'", "subject_ref = subject_ref || '0'",
            "chain_seq = chain_seq + 1000", "previous_hash = " + flipFirst("previous_hash"),
            "record_hash = " + flipFirst("record_hash"));

    private final int count = Sizes.of("tamper.count", 100);
    private final long seed = Long.getLong("custos.reliability.seed", System.nanoTime());
    private final AuditTrail[] trails = {null, new AuditTrail(1, Clock.fixed(T0, ZoneOffset.UTC)),
            new AuditTrail(2, Clock.fixed(T0, ZoneOffset.UTC))};
    /** The audit chains' records as appended, per chain id: the head kept outside the database is the last. */
    private final List<List<AuditRecord>> appended = new ArrayList<>(List.of(List.of(), new ArrayList<>(),
            new ArrayList<>()));
    private final ConsentLedger consents = new ConsentLedger(new SubjectKeys(Clock.fixed(T0, ZoneOffset.UTC)),
            Clock.fixed(T0, ZoneOffset.UTC));

    private static String flipFirst(String column) {
        return "overlay(" + column + " placing (CASE WHEN substr(" + column + ", 1, 1) = 'a' THEN 'b' ELSE 'a' END)"
                + " from 1 for 1)";
    }

    @Test
    void everyTamperingIsDetectedAtTheTamperedRecord() throws Exception {
        Random random = new Random(seed);
        Map<String, int[]> byKind = new TreeMap<>(); // kind -> {tried, detected}
        List<String> missed = new ArrayList<>();
        try (TestDatabase db = TestDatabase.migrated(TestDatabase.POSTGRESQL)) {
            fill(db);
            Checkpoint[] kept = new Checkpoint[3];
            try (Connection c = db.transaction()) {
                for (int chain = 1; chain <= 2; chain++) {
                    ChainVerification intact = trails[chain].verify(c);
                    assertThat(intact.intact()).isTrue();
                    assertThat(intact.recordsChecked()).isEqualTo(RECORDS[chain]).isGreaterThan(500);
                    kept[chain] = head(appended.get(chain));
                    assertThat(intact.verifiedHead()).isEqualTo(kept[chain]);
                }
                assertThat(consents.verify(c).intact()).isTrue();
                assertThat(consents.verify(c).recordsChecked()).isEqualTo(EVENTS);
            }
            for (int i = 0; i < count; i++) {
                int target = random.nextInt(3); // 0 = the ledger, else the audit chain of that id
                boolean onLedger = target == 0;
                boolean rewrite = !onLedger && random.nextInt(6) == 0;
                Tampering tampering = onLedger ? ledgerTampering(random) : rewrite ? rewrite(target, random)
                        : auditTampering(target, random);
                boolean detected;
                try (Connection c = db.transaction(); Statement s = c.createStatement()) {
                    String table = onLedger ? "custos_consent_event" : "custos_audit_record";
                    s.execute("ALTER TABLE " + table + " DISABLE TRIGGER USER");
                    for (String sql : tampering.sql) {
                        s.execute(sql);
                    }
                    s.execute("ALTER TABLE " + table + " ENABLE TRIGGER USER");
                    ChainVerification result = onLedger ? consents.verify(c) : trails[target].verify(c);
                    if (rewrite) {
                        // consistent: the database's own verification finds nothing; only the kept head differs
                        detected = result.intact() && !result.verifiedHead().equals(kept[target]);
                    } else {
                        detected = !result.intact() && result.firstBroken().isPresent()
                                && result.firstBroken().getAsLong() == tampering.firstBroken;
                    }
                    if (!detected) {
                        missed.add(tampering.kind + " " + abbreviate(tampering.sql) + " -> " + result);
                    }
                    c.rollback();
                }
                int[] figures = byKind.computeIfAbsent(tampering.kind, k -> new int[2]);
                figures[0]++;
                figures[1] += detected ? 1 : 0;
            }
        }
        long detected = byKind.values().stream().mapToInt(f -> f[1]).sum();
        StringBuilder kinds = new StringBuilder();
        byKind.forEach((kind, f) -> kinds.append(' ').append(kind).append('=').append(f[1]).append('/').append(f[0]));
        System.out.println("tampering (seed " + seed + "):" + kinds);
        missed.stream().limit(5).forEach(m -> System.out.println("missed: " + m));
        Sizes.result("tamper_detected=" + detected + "/" + count);
        assertThat(missed).isEmpty();
    }

    private static Checkpoint head(List<AuditRecord> records) {
        AuditRecord last = records.get(records.size() - 1);
        return new Checkpoint(last.sequence(), last.hash());
    }

    private static String abbreviate(List<String> sql) {
        String text = String.join("; ", sql);
        return text.length() <= 300 ? text : text.substring(0, 300) + "... (" + sql.size() + " statements)";
    }

    /**
     * {@value #WRITES} journal writes and {@value #READS} reads on audit chains 1 and 2, and {@value #EVENTS}
     * ledger events, each audited on chain 1 as ConsentRegistry does.
     */
    private void fill(TestDatabase db) throws SQLException {
        SubjectKeys keys = new SubjectKeys(Clock.fixed(T0, ZoneOffset.UTC));
        try (Connection c = db.transaction()) {
            for (int i = 0; i < WRITES; i++) {
                String ref = keys.pseudonym(c, "patient-" + i % 5);
                appended.get(1).add(trails[1].append(c, new AuditEvent(T0.plusSeconds(i), "dr.hansen", ref,
                        i % 3 == 0 ? AuditAction.UPDATE : AuditAction.CREATE, "JournalEntry", Integer.toString(i),
                        List.of("note"), "treatment", "GDPR Art. 6(1)(c)", AuditOutcome.DONE,
                        i % 4 == 0 ? "" : "d" + i)));
            }
            List<AuditEvent> reads = new ArrayList<>();
            for (int i = 0; i < READS; i++) {
                reads.add(new AuditEvent(T0.plusSeconds(i), "dr.lund", keys.pseudonym(c, "patient-" + i % 7),
                        AuditAction.READ, "JournalEntry", Integer.toString(i % 40), List.of("note"), "treatment",
                        "GDPR Art. 9(2)(h)", i % 11 == 0 ? AuditOutcome.DENIED : AuditOutcome.PERMITTED,
                        i % 5 == 0 ? "" : "r" + i));
            }
            appended.get(2).addAll(trails[2].appendAll(c, reads));
            for (int i = 0; i < EVENTS; i++) {
                ConsentEvent event = i % 3 == 2 ? ConsentEvent.withdrawn("patient-" + i % 5, "newsletter",
                        T0.plusSeconds(100 + i)) : ConsentEvent.given("patient-" + i % 5, "newsletter",
                        T0.plusSeconds(100 + i), "v" + i);
                consents.record(c, event, "portal");
                appended.get(1).add(trails[1].append(c, new AuditEvent(event.at(), "portal",
                        keys.pseudonym(c, event.subjectId()),
                        event.type() == dev.custos.core.consent.ConsentEventType.GIVEN ? AuditAction.CONSENT_GIVEN
                                : AuditAction.CONSENT_WITHDRAWN, "", "", List.of(), "newsletter", "",
                        AuditOutcome.DONE, "")));
            }
            c.commit();
        }
    }

    private record Tampering(String kind, List<String> sql, long firstBroken) {
    }

    private static Tampering auditTampering(int chain, Random random) {
        int records = RECORDS[chain];
        int k = 1 + random.nextInt(records);
        String row = " WHERE chain_id = " + chain + " AND record_seq = ";
        switch (random.nextInt(5)) {
            case 0:
                return new Tampering("audit" + chain + "-change", List.of("UPDATE custos_audit_record SET "
                        + AUDIT_VALUES.get(random.nextInt(AUDIT_VALUES.size())) + row + k), k);
            case 1:
                return new Tampering("audit" + chain + "-delete", List.of("DELETE FROM custos_audit_record" + row + k),
                        k);
            case 2:
                // a forged row after record `after` (0: the first), linked to it but with a made-up hash; the
                // later records move up by one
                int after = random.nextInt(records + 1);
                String link = after == 0 ? "'" + Checkpoint.GENESIS_HASH + "'"
                        : "(SELECT record_hash FROM custos_audit_record" + row + after + ")";
                String later = " WHERE chain_id = " + chain + " AND record_seq";
                return new Tampering("audit" + chain + "-forge", List.of(
                        "UPDATE custos_audit_record SET record_seq = -record_seq - 1" + later + " > " + after,
                        "UPDATE custos_audit_record SET record_seq = -record_seq" + later + " < 0",
                        "INSERT INTO custos_audit_record (chain_id, record_seq, occurred_at, actor, action, outcome,"
                        + " previous_hash, record_hash) VALUES (" + chain + ", " + (after + 1) + ", TIMESTAMP"
                        + " '2025-03-01 10:00:00', 'intruder', 'DELETE', 'DONE', " + link
                        + ", md5(random()::text) || md5('x'))"), after + 1);
            case 3:
                int j = k == records ? k - 1 : k + 1 + random.nextInt(records - k);
                int first = Math.min(k, j);
                return new Tampering("audit" + chain + "-reorder", List.of(
                        "UPDATE custos_audit_record SET record_seq = -1" + row + k,
                        "UPDATE custos_audit_record SET record_seq = " + k + row + j,
                        "UPDATE custos_audit_record SET record_seq = " + j + row + "-1"), first);
            default:
                int keep = random.nextInt(records); // keep records 1..keep, 0 = everything gone
                return new Tampering("audit" + chain + "-truncate", List.of("DELETE FROM custos_audit_record"
                        + " WHERE chain_id = " + chain + " AND record_seq > " + keep), keep + 1);
        }
    }

    /**
     * A consistent rewrite of audit chain {@code chain}: a random record's actor changed, and that record's hash,
     * every later record's link and hash and the head recomputed as Custos computes them ({@link AuditChain}), so
     * the chain and its head in the database agree.
     */
    private Tampering rewrite(int chain, Random random) {
        List<AuditRecord> records = appended.get(chain);
        int k = 1 + random.nextInt(records.size());
        AuditChain rewritten = AuditChain.resume(k == 1 ? Checkpoint.GENESIS : head(records.subList(0, k - 1)));
        List<String> sql = new ArrayList<>();
        for (int i = k; i <= records.size(); i++) {
            AuditEvent e = records.get(i - 1).event();
            AuditEvent event = i > k ? e : new AuditEvent(e.occurredAt(), e.actor() + "x", e.subjectRef(), e.action(),
                    e.entity(), e.entityId(), e.fields(), e.purpose(), e.basis(), e.outcome(), e.detail());
            AuditRecord record = rewritten.append(event);
            sql.add("UPDATE custos_audit_record SET actor = '" + event.actor() + "', previous_hash = '"
                    + record.previousHash() + "', record_hash = '" + record.hash() + "' WHERE chain_id = " + chain
                    + " AND record_seq = " + i);
        }
        Checkpoint head = rewritten.head();
        sql.add("UPDATE custos_audit_head SET last_hash = '" + head.hash() + "' WHERE chain_id = " + chain);
        return new Tampering("audit" + chain + "-rewrite", sql, k);
    }

    private static Tampering ledgerTampering(Random random) {
        int k = 1 + random.nextInt(EVENTS);
        String row = " WHERE event_seq = ";
        switch (random.nextInt(5)) {
            case 0:
                return new Tampering("ledger-change", List.of("UPDATE custos_consent_event SET "
                        + LEDGER_VALUES.get(random.nextInt(LEDGER_VALUES.size())) + row + k), k);
            case 1:
                return new Tampering("ledger-delete", List.of("DELETE FROM custos_consent_event" + row + k), k);
            case 2:
                if (random.nextBoolean()) {
                    // a row without a place in the chain (event_seq after the last)
                    return new Tampering("ledger-forge", List.of("INSERT INTO custos_consent_event (subject_ref,"
                            + " purpose, event_type, occurred_at, recorded_by, recorded_at) SELECT subject_ref, purpose,"
                            + " 'GIVEN', occurred_at, recorded_by, recorded_at FROM custos_consent_event" + row + k),
                            EVENTS + 1);
                }
                // a row linked into the chain after place `after` (0: first) with a made-up hash; later places
                // move up by one
                int after = random.nextInt(EVENTS + 1);
                String link = after == 0 ? "'" + Checkpoint.GENESIS_HASH + "'"
                        : "(SELECT record_hash FROM custos_consent_event WHERE chain_seq = " + after + ")";
                return new Tampering("ledger-forge", List.of(
                        "UPDATE custos_consent_event SET chain_seq = -chain_seq - 1 WHERE chain_seq > " + after,
                        "UPDATE custos_consent_event SET chain_seq = -chain_seq WHERE chain_seq < 0",
                        "INSERT INTO custos_consent_event (subject_ref, purpose, event_type, occurred_at,"
                        + " recorded_by, recorded_at, chain_seq, previous_hash, record_hash) SELECT subject_ref,"
                        + " purpose, 'GIVEN', occurred_at, recorded_by, recorded_at, " + (after + 1) + ", " + link
                        + ", md5(random()::text) || md5('x') FROM custos_consent_event" + row + k), after + 1);
            case 3:
                int j = k == EVENTS ? k - 1 : k + 1 + random.nextInt(EVENTS - k);
                if (random.nextBoolean()) {
                    // swap the chain places of two rows
                    String chained = " WHERE chain_seq = ";
                    return new Tampering("ledger-reorder", List.of(
                            "UPDATE custos_consent_event SET chain_seq = -1" + chained + k,
                            "UPDATE custos_consent_event SET chain_seq = " + k + chained + j,
                            "UPDATE custos_consent_event SET chain_seq = " + j + chained + "-1"), Math.min(k, j));
                }
                // event_seq is GENERATED ALWAYS: swap the contents of two rows instead
                return new Tampering("ledger-reorder", List.of("UPDATE custos_consent_event a SET"
                        + " subject_ref = b.subject_ref, event_type = b.event_type, occurred_at = b.occurred_at,"
                        + " notice_version = b.notice_version FROM custos_consent_event b WHERE"
                        + " (a.event_seq, b.event_seq) IN ((" + k + ", " + j + "), (" + j + ", " + k + "))"),
                        Math.min(k, j));
            default:
                int keep = random.nextInt(EVENTS);
                return new Tampering("ledger-truncate", List.of("DELETE FROM custos_consent_event WHERE event_seq > "
                        + keep), keep + 1);
        }
    }
}
