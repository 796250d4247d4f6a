// SPDX-License-Identifier: Apache-2.0
package dev.custos.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.audit.AuditAction;
import dev.custos.core.audit.AuditEvent;
import dev.custos.core.audit.AuditOutcome;
import dev.custos.core.audit.ChainVerification;
import dev.custos.core.consent.ConsentEvent;
import dev.custos.jpa.store.AuditTrail;
import dev.custos.jpa.store.ConsentLedger;
import dev.custos.jpa.store.SubjectKeys;
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
 * append-only triggers, tampers and enables them again: a value changed, a row deleted, a forged row inserted,
 * two rows' order swapped, the tail cut off. Each tampering runs in a transaction of its own on PostgreSQL
 * (DDL is transactional there) and is rolled back after verification, so each starts from the same intact trail.
 * Half the tamperings hit the audit trail, half the consent ledger. Detected means {@link AuditTrail#verify} or
 * {@link ConsentLedger#verify} reports the chain broken and names the first broken record as the tampered one
 * (truncation: the first missing one, through the head rows {@code custos_audit_head} and
 * {@code custos_consent_head}). The ledger's events are numbered 1 to 20 in both {@code event_seq} and
 * {@code chain_seq}, so the tampered row's number is the chain sequence expected.
 */
class TamperTest {

    private static final int RECORDS = 40;
    private static final int EVENTS = 20;
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
            "chain_seq = chain_seq + 100", "previous_hash = " + flipFirst("previous_hash"),
            "record_hash = " + flipFirst("record_hash"));

    private final int count = Sizes.of("tamper.count", 100);
    private final long seed = Long.getLong("custos.reliability.seed", System.nanoTime());
    private final AuditTrail trail = new AuditTrail(1, Clock.fixed(T0, ZoneOffset.UTC));
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
            try (Connection c = db.transaction()) {
                assertThat(trail.verify(c).intact()).isTrue();
                assertThat(consents.verify(c).intact()).isTrue();
            }
            for (int i = 0; i < count; i++) {
                boolean onLedger = random.nextBoolean();
                Tampering tampering = onLedger ? ledgerTampering(random) : auditTampering(random);
                boolean detected;
                try (Connection c = db.transaction(); Statement s = c.createStatement()) {
                    String table = onLedger ? "custos_consent_event" : "custos_audit_record";
                    s.execute("ALTER TABLE " + table + " DISABLE TRIGGER USER");
                    for (String sql : tampering.sql) {
                        s.execute(sql);
                    }
                    s.execute("ALTER TABLE " + table + " ENABLE TRIGGER USER");
                    ChainVerification result = onLedger ? consents.verify(c) : trail.verify(c);
                    detected = !result.intact() && result.firstBroken().isPresent()
                            && result.firstBroken().getAsLong() == tampering.firstBroken;
                    if (!detected) {
                        missed.add(tampering.kind + " " + tampering.sql + " -> " + result);
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

    /** 40 audit records of several kinds, and 20 ledger events, each audited as ConsentRegistry does. */
    private void fill(TestDatabase db) throws SQLException {
        SubjectKeys keys = new SubjectKeys(Clock.fixed(T0, ZoneOffset.UTC));
        try (Connection c = db.transaction()) {
            for (int i = 0; i < RECORDS - EVENTS; i++) {
                String ref = keys.pseudonym(c, "patient-" + i % 5);
                trail.append(c, new AuditEvent(T0.plusSeconds(i), "dr.hansen", ref,
                        i % 3 == 0 ? AuditAction.UPDATE : AuditAction.READ, "JournalEntry", Integer.toString(i),
                        List.of("note"), "treatment", "GDPR Art. 6(1)(c)", AuditOutcome.DONE, i % 4 == 0 ? "" : "d" + i));
            }
            for (int i = 0; i < EVENTS; i++) {
                ConsentEvent event = i % 3 == 2 ? ConsentEvent.withdrawn("patient-" + i % 5, "newsletter",
                        T0.plusSeconds(100 + i)) : ConsentEvent.given("patient-" + i % 5, "newsletter",
                        T0.plusSeconds(100 + i), "v" + i);
                consents.record(c, event, "portal");
                trail.append(c, new AuditEvent(event.at(), "portal", keys.pseudonym(c, event.subjectId()),
                        event.type() == dev.custos.core.consent.ConsentEventType.GIVEN ? AuditAction.CONSENT_GIVEN
                                : AuditAction.CONSENT_WITHDRAWN, "", "", List.of(), "newsletter", "",
                        AuditOutcome.DONE, ""));
            }
            c.commit();
        }
    }

    private record Tampering(String kind, List<String> sql, long firstBroken) {
    }

    private static Tampering auditTampering(Random random) {
        int k = 1 + random.nextInt(RECORDS);
        String row = " WHERE chain_id = 1 AND record_seq = ";
        switch (random.nextInt(5)) {
            case 0:
                return new Tampering("audit-change", List.of("UPDATE custos_audit_record SET "
                        + AUDIT_VALUES.get(random.nextInt(AUDIT_VALUES.size())) + row + k), k);
            case 1:
                return new Tampering("audit-delete", List.of("DELETE FROM custos_audit_record" + row + k), k);
            case 2:
                // a forged row after the last, linked to it but with a made-up hash
                return new Tampering("audit-forge", List.of("INSERT INTO custos_audit_record (chain_id, record_seq,"
                        + " occurred_at, actor, action, outcome, previous_hash, record_hash) SELECT 1, record_seq + 1,"
                        + " occurred_at, 'intruder', 'DELETE', 'DONE', record_hash, md5(random()::text) || md5('x')"
                        + " FROM custos_audit_record" + row + RECORDS), RECORDS + 1);
            case 3:
                int j = k == RECORDS ? k - 1 : k + 1 + random.nextInt(RECORDS - k);
                int first = Math.min(k, j);
                return new Tampering("audit-reorder", List.of(
                        "UPDATE custos_audit_record SET record_seq = -1" + row + k,
                        "UPDATE custos_audit_record SET record_seq = " + k + row + j,
                        "UPDATE custos_audit_record SET record_seq = " + j + row + "-1"), first);
            default:
                int keep = random.nextInt(RECORDS); // keep records 1..keep, 0 = everything gone
                return new Tampering("audit-truncate", List.of("DELETE FROM custos_audit_record WHERE chain_id = 1"
                        + " AND record_seq > " + keep), keep + 1);
        }
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
                // either a row without a place in the chain, or one linked to the last with a made-up hash
                return new Tampering("ledger-forge", List.of(random.nextBoolean()
                        ? "INSERT INTO custos_consent_event (subject_ref, purpose, event_type, occurred_at,"
                        + " recorded_by, recorded_at) SELECT subject_ref, purpose, 'GIVEN', occurred_at, recorded_by,"
                        + " recorded_at FROM custos_consent_event" + row + k
                        : "INSERT INTO custos_consent_event (subject_ref, purpose, event_type, occurred_at,"
                        + " recorded_by, recorded_at, chain_seq, previous_hash, record_hash) SELECT subject_ref,"
                        + " purpose, 'GIVEN', occurred_at, recorded_by, recorded_at, chain_seq + 1, record_hash,"
                        + " md5(random()::text) || md5('x') FROM custos_consent_event" + row + EVENTS), EVENTS + 1);
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
