// SPDX-License-Identifier: Apache-2.0
package dev.custos.bench;

import dev.custos.bench.model.ContactNote;
import dev.custos.bench.model.HealthNote;
import dev.custos.core.consent.ConsentEvidence;
import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.access.ProcessingContext;
import dev.custos.jpa.audit.AuditQueries;
import dev.custos.jpa.consent.ConsentRegistry;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark 1, the read path: {@code SELECT e FROM HealthNote e} of N rows in a transaction of a fresh entity
 * manager, under the purpose the subjects consented to, with Custos started (every row checked against the
 * restriction table and the consent ledger, and its read audited on the read chain) against the same query on a
 * factory where Custos was never started. Same database, same rows, same pool, interleaved runs. The variant
 * without read audit reads {@link ContactNote} (consent-checked contact data, not special-category).
 * <p>
 * Goal: Custos / plain at most 1.10 on both providers and both databases.
 */
final class ReadBenchmark {

    private static final int ROWS_PER_SUBJECT = 10;

    private ReadBenchmark() {
    }

    static void run(Options options) throws Exception {
        int rows = options.size(10_000, 500);
        int reps = options.reps(5, 2);
        for (String kind : options.databases()) {
            for (String provider : options.providers()) {
                cell(options, provider, kind, rows, reps);
            }
        }
        if (!options.quick()) {
            growth(options, rows);
        }
    }

    private static void cell(Options options, String provider, String kind, int rows, int reps) throws Exception {
        try (BenchDatabase db = BenchDatabase.create(kind);
             Fixture f = new Fixture(provider, db, rows)) {
            String suffix = "_" + provider + "_" + db.tag();
            long lastBefore = f.lastReadAudit();
            int warmups = options.quick() ? 0 : 1;
            Harness.Comparison audited = Harness.compare(warmups, reps,
                    () -> read(f.plain, HealthNote.class, "research", rows),
                    () -> read(f.custos, HealthNote.class, "research", rows));
            Map<String, Integer> listed = f.rowsListedAfter(lastBefore);
            long audits = f.lastReadAudit() - lastBefore;
            int runs = reps + warmups;
            // a Custos read that skips the audit of a row (or audits it twice) would look faster: the figure is void
            boolean everyRowOncePerRun = listed.size() == rows && listed.values().stream().allMatch(n -> n == runs)
                    && listed.keySet().stream().allMatch(id -> Long.parseLong(id) >= 1 && Long.parseLong(id) <= rows);
            if (!everyRowOncePerRun) {
                throw new IllegalStateException("read benchmark " + suffix.substring(1) + ": the read-audit records"
                        + " list " + listed.size() + " distinct row ids (" + listed.values().stream()
                        .mapToLong(Integer::longValue).sum() + " in all) for " + rows + " rows read by each of "
                        + runs + " Custos runs; expected every row id once per run");
            }
            Report.comparison("read_overhead_ratio" + suffix, rows + " HealthNote rows, consent check and read audit"
                    + " (" + audits + " read-audit records written by " + (reps + warmups) + " Custos runs)", audited);
            Report.result("read_overhead_ratio" + suffix, audited.ratio());
            // issue 20: 1.6 on PostgreSQL; Derby within 2x of its plain run
            Report.goal("read_overhead_ratio" + suffix, audited.ratio(), db.isDerby() ? 2.0 : 1.6, false, "");

            if (StatementCounter.ENABLED) {
                StatementCounter.reset();
                read(f.custos, HealthNote.class, "research", rows);
                StatementCounter.print("of one Custos read of " + rows + " rows" + suffix, rows, "row");
            }
            Harness.Comparison checked = Harness.compare(warmups, reps,
                    () -> read(f.plain, ContactNote.class, "newsletter", rows),
                    () -> read(f.custos, ContactNote.class, "newsletter", rows));
            Report.comparison("read_overhead_ratio_noaudit" + suffix, rows
                    + " ContactNote rows, consent check, no read audit", checked);
            Report.result("read_overhead_ratio_noaudit" + suffix, checked.ratio());
        }
    }

    /** How the read path's cost grows with the rows read: one provider per database, a few sizes. */
    private static void growth(Options options, int largest) throws Exception {
        int[] sizes = {largest / 10, largest / 4, largest / 2, largest};
        for (String kind : options.databases()) {
            String provider = options.providers().get(options.providers().size() - 1);
            try (BenchDatabase db = BenchDatabase.create(kind);
                 Fixture f = new Fixture(provider, db, largest)) {
                for (int size : sizes) {
                    Harness.Comparison c = Harness.compare(1, 3,
                            () -> readFirst(f.plain, size),
                            () -> readFirst(f.custos, size));
                    Report.note(String.format(java.util.Locale.ROOT,
                            "GROWTH read %s_%s rows=%d baseline_ms=%s custos_ms=%s ratio=%s", provider, db.tag(), size,
                            Stats.format(c.baseline().median()), Stats.format(c.custos().median()),
                            Stats.format(c.ratio())));
                }
            }
        }
    }

    /** One database with both factories, N health notes and N contact notes, and every subject's consent. */
    private static final class Fixture implements AutoCloseable {
        final BenchDatabase db;
        final EntityManagerFactory custos;
        final EntityManagerFactory plain;
        final CustosRuntime runtime;

        Fixture(String provider, BenchDatabase db, int rows) {
            this.db = db;
            custos = BenchUnits.open(provider + "-custos", db, true);
            runtime = CustosJpa.start(provider + "-custos", custos, db.dataSource());
            plain = BenchUnits.open(provider + "-plain", db, false);
            int subjects = Math.max(1, rows / ROWS_PER_SUBJECT);
            for (int from = 0; from < rows; from += 1000) {
                int start = from;
                BenchUnits.inTransaction(plain, em -> {
                    for (int i = start; i < Math.min(rows, start + 1000); i++) {
                        String subject = "p" + (i % subjects);
                        em.persist(new HealthNote(i + 1L, subject, "answers of questionnaire " + i));
                        em.persist(new ContactNote(i + 1L, subject, "participant" + i + "@example.org"));
                    }
                });
            }
            ConsentRegistry consent = new ConsentRegistry(runtime);
            for (int s = 0; s < subjects; s++) {
                consent.give("p" + s, "research", "notice-1", "benchmark");
                consent.give("p" + s, "newsletter", "notice-1", ConsentEvidence.NONE.withAgeAtLeast(18),
                        "benchmark");
            }
        }

        /** The sequence of the read chain's last record, 0 before the first. */
        long lastReadAudit() throws Exception {
            return db.count("SELECT COALESCE(MAX(record_seq), 0) FROM custos_audit_record WHERE chain_id = 2");
        }

        /** How often the READ records after sequence {@code after} list each row id ({@code entity_id} lists). */
        Map<String, Integer> rowsListedAfter(long after) throws Exception {
            Map<String, Integer> listed = new HashMap<>();
            try (Connection c = db.connect(); PreparedStatement select = c.prepareStatement("SELECT entity_id"
                    + " FROM custos_audit_record WHERE chain_id = 2 AND action = 'READ' AND record_seq > ?")) {
                select.setLong(1, after);
                try (ResultSet found = select.executeQuery()) {
                    while (found.next()) {
                        for (String id : AuditQueries.rowIds(found.getString(1))) {
                            listed.merge(id, 1, Integer::sum);
                        }
                    }
                }
            }
            return listed;
        }

        @Override
        public void close() {
            custos.close();
            plain.close();
        }
    }

    /** Reads every row of {@code type} under {@code purpose}, as the benchmark's caller, in one transaction. */
    @SuppressWarnings("try") // the processing scope works by being open
    static long read(EntityManagerFactory emf, Class<?> type, String purpose, int expected) throws Exception {
        return Harness.time(() -> {
            try (ProcessingContext.Scope scope = ProcessingContext.open(purpose, "benchmark")) {
                EntityManager em = emf.createEntityManager();
                try {
                    em.getTransaction().begin();
                    List<?> rows = em.createQuery("SELECT e FROM " + type.getSimpleName() + " e", type).getResultList();
                    em.getTransaction().commit();
                    if (rows.size() != expected) {
                        throw new IllegalStateException("read " + rows.size() + " rows, expected " + expected);
                    }
                } finally {
                    if (em.getTransaction().isActive()) {
                        em.getTransaction().rollback();
                    }
                    em.close();
                }
            }
        });
    }

    /** Reads the health notes with ids up to {@code size} (ids start at 1), as {@link #read} does all of them. */
    @SuppressWarnings("try") // the processing scope works by being open
    private static long readFirst(EntityManagerFactory emf, int size) throws Exception {
        return Harness.time(() -> {
            try (ProcessingContext.Scope scope = ProcessingContext.open("research", "benchmark")) {
                EntityManager em = emf.createEntityManager();
                try {
                    em.getTransaction().begin();
                    List<HealthNote> rows = new ArrayList<>(em.createQuery(
                            "SELECT e FROM HealthNote e WHERE e.id <= :size", HealthNote.class)
                            .setParameter("size", (long) size).getResultList());
                    em.getTransaction().commit();
                    if (rows.size() != size) {
                        throw new IllegalStateException("read " + rows.size() + " rows, expected " + size);
                    }
                } finally {
                    if (em.getTransaction().isActive()) {
                        em.getTransaction().rollback();
                    }
                    em.close();
                }
            }
        });
    }
}
