// SPDX-License-Identifier: Apache-2.0
package dev.custos.bench;

import dev.custos.core.audit.AuditAction;
import dev.custos.core.audit.AuditChain;
import dev.custos.core.audit.AuditEvent;
import dev.custos.core.audit.AuditOutcome;
import dev.custos.core.audit.AuditRecord;
import dev.custos.core.audit.ChainVerification;
import dev.custos.jpa.schema.CustosSchema;
import dev.custos.jpa.internal.store.AuditPartitionStore;
import dev.custos.jpa.internal.store.AuditTrail;
import dev.custos.jpa.internal.store.SubjectKeys;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TimeZone;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Benchmark 6, the per-subject audit query: {@link AuditTrail#forSubject} (everything about one subject, all
 * time, as the access export asks it) on a read chain of N records about {@value #SUBJECTS} subjects (N /
 * {@value #SUBJECTS} records each, spread over 2025). The chain is built with sdk-core's {@link AuditChain} and
 * bulk-inserted (on PostgreSQL into the monthly partitions of 2025) with the columns and encodings {@code AuditTrail}
 * writes (appending a million records one by one would take far longer than the query deserves); in quick mode
 * the chain is verified afterwards, to prove the bulk load writes what {@code AuditTrail} would. Queries go to
 * subjects picked at random (fixed seed), each on a pooled connection taken before the clock starts.
 * <p>
 * Goal (1,000,000 records, and 10,000,000 records about 100,000 subjects on PostgreSQL in full mode): under 50 ms.
 */
final class AuditQueryBenchmark {

    static final int SUBJECTS = 10_000;
    private static final int CHAIN = 2;
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant END_OF_TIME = Instant.parse("9999-12-31T00:00:00Z");

    private AuditQueryBenchmark() {
    }

    static void run(Options options) throws Exception {
        int records = options.size(1_000_000, 20_000);
        int subjects = options.quick() ? 200 : SUBJECTS;
        int queries = options.reps(21, 11);
        for (String kind : options.databases()) {
            measure(kind, records, subjects, queries, options.quick(), "audit_query_1m_ms_");
        }
        // issue 20: the same query at ten times the records (and subjects), PostgreSQL only, full mode only
        if (!options.quick() && options.databases().contains(BenchDatabase.POSTGRESQL)) {
            measure(BenchDatabase.POSTGRESQL, 10 * records, 10 * subjects, queries, false, "audit_query_10m_ms_");
        }
    }

    private static void measure(String kind, int records, int subjects, int queries, boolean verify, String prefix)
            throws Exception {
        try (BenchDatabase db = BenchDatabase.create(kind)) {
            CustosSchema.migrate(db.dataSource());
            partitions(db);
            List<String> refs = pseudonyms(db, subjects);
            long fill = Harness.time(() -> fill(db, refs, records));
            Report.note(String.format(Locale.ROOT, "audit %s: %d records about %d subjects loaded in %s s",
                    db.tag(), records, subjects, Stats.format(fill / 1e9)));
            if (verify) {
                try (Connection c = db.connect()) {
                    c.setAutoCommit(false);
                    ChainVerification verification = new AuditTrail(CHAIN, java.time.Clock.systemUTC()).verify(c);
                    if (!verification.intact()) {
                        throw new IllegalStateException("the bulk-loaded chain does not verify: " + verification);
                    }
                    c.rollback();
                }
            }
            db.vacuumAnalyze("custos_audit_record");
            AuditTrail trail = new AuditTrail(CHAIN, java.time.Clock.systemUTC());
            Random random = new Random(7);
            int expected = records / subjects;
            Stats all = Harness.repeat(5, queries, () -> query(db, trail, refs.get(random.nextInt(subjects)),
                    END_OF_TIME, expected));
            Instant monthEnd = START.plus(31, ChronoUnit.DAYS);
            Stats month = Harness.repeat(5, queries, () -> query(db, trail, refs.get(random.nextInt(subjects)),
                    monthEnd, -1));
            String name = prefix + db.tag();
            Report.note(name + ": " + all.describe(" ms") + " [" + expected + " records of one subject among "
                    + records + "]; one month of one subject: " + month.describe(" ms"));
            Report.result(name, all.median());
            Report.goal(name, all.median(), 50, true, " ms");
        }
    }

    private static long query(BenchDatabase db, AuditTrail trail, String ref, Instant to, int expected)
            throws Exception {
        try (Connection c = db.connect()) {
            List<AuditRecord> found = new ArrayList<>();
            long elapsed = Harness.time(() -> found.addAll(trail.forSubject(c, ref, Instant.EPOCH, to)));
            if (expected >= 0 && found.size() != expected) {
                throw new IllegalStateException("found " + found.size() + " records, expected " + expected);
            }
            return elapsed;
        }
    }

    /**
     * On PostgreSQL, where the trail is partitioned by month (schema version 13), the partitions of 2025's months, as
     * Custos creates them ahead of the records in an application; elsewhere nothing.
     */
    private static void partitions(BenchDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            if (AuditPartitionStore.partitioned(c)) {
                YearMonth first = YearMonth.from(START.atOffset(ZoneOffset.UTC));
                for (int month = 0; month < 12; month++) {
                    new AuditPartitionStore().create(c, first.plusMonths(month));
                }
            }
            c.commit();
        }
    }

    /** The subjects' pseudonyms, as Custos computes them (creating their keys). */
    private static List<String> pseudonyms(BenchDatabase db, int subjects) throws Exception {
        SubjectKeys keys = new SubjectKeys();
        List<String> refs = new ArrayList<>(subjects);
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            for (int s = 0; s < subjects; s++) {
                refs.add(keys.pseudonym(c, "subject-" + s));
                if (s % 1000 == 999) {
                    c.commit();
                }
            }
            c.commit();
        }
        return refs;
    }

    /**
     * Appends {@code records} READ records to chain 2 with sdk-core's hash chain, round-robin over the subjects,
     * spread evenly over 2025, in batches of 1000 (on PostgreSQL by COPY, 10,000 a statement, so ten million load
     * in minutes), and sets the chain's head.
     */
    private static void fill(BenchDatabase db, List<String> refs, int records) throws Exception {
        AuditChain chain = AuditChain.genesis();
        Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"), Locale.ROOT);
        long step = Math.max(1, 365L * 24 * 3600 * 1_000_000 / records); // microseconds
        String columns = "custos_audit_record (chain_id, record_seq, occurred_at, actor, subject_ref, action,"
                + " entity_name, entity_id, field_names, purpose, legal_basis, outcome, detail, previous_hash, record_hash)";
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            CopyManager copier = db.isDerby() ? null : c.unwrap(PGConnection.class).getCopyAPI();
            StringBuilder copied = new StringBuilder();
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + columns
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < records; i++) {
                    String ref = refs.get(i % refs.size());
                    AuditEvent event = new AuditEvent(START.plus(i * step, ChronoUnit.MICROS), "clinician-" + (i % 50),
                            ref, AuditAction.READ, "HealthNote", "HealthNote#" + i, List.of("answers"), "research",
                            "GDPR Art. 9(2)(a)", AuditOutcome.PERMITTED, "");
                    AuditRecord record = chain.append(event);
                    if (copier != null) {
                        copyRow(copied, event, record);
                        if (i % 10_000 == 9_999 || i == records - 1) {
                            copier.copyIn("COPY " + columns + " FROM STDIN", new StringReader(copied.toString()));
                            copied.setLength(0);
                            c.commit();
                        }
                        continue;
                    }
                    insert.setInt(1, CHAIN);
                    insert.setLong(2, record.sequence());
                    insert.setTimestamp(3, Timestamp.from(event.occurredAt()), utc);
                    insert.setString(4, event.actor());
                    insert.setString(5, event.subjectRef());
                    insert.setString(6, event.action().name());
                    insert.setString(7, event.entity());
                    insert.setString(8, event.entityId());
                    insert.setString(9, String.join(",", event.fields()));
                    insert.setString(10, event.purpose());
                    insert.setString(11, event.basis());
                    insert.setString(12, event.outcome().name());
                    insert.setNull(13, Types.VARCHAR); // AuditTrail stores an empty detail as NULL
                    insert.setString(14, record.previousHash());
                    insert.setString(15, record.hash());
                    insert.addBatch();
                    if (i % 1000 == 999) {
                        insert.executeBatch();
                        c.commit();
                    }
                }
                insert.executeBatch();
            }
            try (PreparedStatement head = c.prepareStatement("INSERT INTO custos_audit_head (chain_id, last_seq,"
                    + " last_hash, updated_at) VALUES (?, ?, ?, ?)")) {
                head.setInt(1, CHAIN);
                head.setLong(2, chain.head().sequence());
                head.setString(3, chain.head().hash());
                head.setTimestamp(4, Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS)), utc);
                head.executeUpdate();
            }
            c.commit();
        }
    }

    /** One row in COPY's text format, the columns as {@link #fill}'s INSERT binds them (timestamps in UTC). */
    private static void copyRow(StringBuilder out, AuditEvent event, AuditRecord record) {
        String[] values = {String.valueOf(CHAIN), String.valueOf(record.sequence()),
            LocalDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC).toString(), event.actor(), event.subjectRef(),
            event.action().name(), event.entity(), event.entityId(), String.join(",", event.fields()), event.purpose(),
            event.basis(), event.outcome().name(), null, record.previousHash(), record.hash()};
        for (int k = 0; k < values.length; k++) {
            out.append(k == 0 ? "" : "\t").append(values[k] == null ? "\\N" : values[k].replace("\\", "\\\\")
                    .replace("\t", "\\t").replace("\n", "\\n"));
        }
        out.append('\n');
    }
}
