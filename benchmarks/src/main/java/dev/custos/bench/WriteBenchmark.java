// SPDX-License-Identifier: Apache-2.0
package dev.custos.bench;

import dev.custos.bench.model.AuditedNote;
import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.access.ProcessingContext;
import jakarta.persistence.EntityManagerFactory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark 2, the write path: insert N {@link AuditedNote}s, then load and update each (a personal attribute),
 * {@value #PER_TRANSACTION} rows per transaction, JDBC batching on (50), on three factories of the same database
 * and entity: Custos started (every write audited on the write chain, in the writing transaction), Hibernate
 * Envers ({@code @Audited}: a revision and an {@code _AUD} row per write) and no audit at all. EclipseLink runs
 * Custos against no audit (Envers is Hibernate's). Each run starts from empty entity tables (truncated, cache
 * evicted, untimed); Custos's audit tables are append-only and keep growing, as they do in production. Every run
 * checks afterwards that its audit was written.
 * <p>
 * Goal: Custos at most 1.6 times the run without audit.
 */
final class WriteBenchmark {

    static final int PER_TRANSACTION = 500;

    private WriteBenchmark() {
    }

    static void run(Options options) throws Exception {
        int rows = options.size(10_000, 1_000);
        int reps = options.reps(5, 2);
        for (String kind : options.databasesOrOneWhenQuick()) {
            try (BenchDatabase db = BenchDatabase.create(kind)) {
                // Envers's factory first: it creates the entity tables and its own (_AUD, REVINFO, sequence)
                EntityManagerFactory envers = BenchUnits.open("hibernate-envers", db, true);
                List<EntityManagerFactory> all = new ArrayList<>(List.of(envers));
                try {
                    for (String provider : options.providers()) {
                        EntityManagerFactory custos = BenchUnits.open(provider + "-custos", db, false);
                        all.add(custos);
                        CustosJpa.start(provider + "-custos", custos, db.dataSource());
                        EntityManagerFactory plain = BenchUnits.open(provider + "-plain", db, false);
                        all.add(plain);
                        Map<String, Harness.Run> variants = new LinkedHashMap<>();
                        variants.put("plain", () -> plainRun(db, plain, rows));
                        variants.put("custos", () -> custosRun(db, custos, rows));
                        boolean hibernate = provider.equals(BenchUnits.HIBERNATE);
                        if (hibernate) {
                            variants.put("envers", () -> enversRun(db, envers, rows));
                        }
                        Map<String, Stats> stats = Harness.rotate(options.quick() ? 0 : 1, reps, variants);
                        if (StatementCounter.ENABLED) {
                            reset(db, custos);
                            StatementCounter.reset();
                            insertAndUpdate(custos, rows);
                            StatementCounter.print("of one Custos write run, " + provider, 2L * rows, "write");
                        }
                        String cell = provider + "_" + db.tag();
                        stats.forEach((name, s) -> Report.note("write " + cell + " " + name + ": " + s.describe(" ms")
                                + " [" + rows + " inserts + " + rows + " updates, " + PER_TRANSACTION + " a transaction]"));
                        double custosMs = stats.get("custos").median();
                        double vsPlain = custosMs / stats.get("plain").median();
                        Report.result("write_vs_plain_ratio_" + cell, vsPlain);
                        // issue 20: 1.5 on PostgreSQL; Derby within 2x of its plain run
                        Report.goal("write_vs_plain_ratio_" + cell, vsPlain, db.isDerby() ? 2.0 : 1.5, false, "");
                        if (hibernate) {
                            Report.result("write_vs_envers_ratio_" + db.tag(), custosMs / stats.get("envers").median());
                            Report.result("envers_vs_plain_ratio_" + db.tag(),
                                    stats.get("envers").median() / stats.get("plain").median());
                        }
                    }
                } finally {
                    all.forEach(EntityManagerFactory::close);
                }
            }
        }
    }

    private static long plainRun(BenchDatabase db, EntityManagerFactory emf, int rows) throws Exception {
        reset(db, emf);
        return insertAndUpdate(emf, rows);
    }

    private static long custosRun(BenchDatabase db, EntityManagerFactory emf, int rows) throws Exception {
        reset(db, emf);
        String audits = "SELECT COUNT(*) FROM custos_audit_record WHERE chain_id = 1 AND entity_name = 'AuditedNote'";
        long before = db.count(audits);
        long elapsed = insertAndUpdate(emf, rows);
        long written = db.count(audits) - before;
        if (written != 2L * rows) {
            throw new IllegalStateException("Custos audited " + written + " writes, expected " + 2 * rows);
        }
        return elapsed;
    }

    private static long enversRun(BenchDatabase db, EntityManagerFactory emf, int rows) throws Exception {
        reset(db, emf);
        long elapsed = insertAndUpdate(emf, rows);
        long written = db.count("SELECT COUNT(*) FROM bench_audited_note_AUD");
        if (written != 2L * rows) {
            throw new IllegalStateException("Envers wrote " + written + " audit rows, expected " + 2 * rows);
        }
        return elapsed;
    }

    /** Empty entity tables (and Envers's) and an empty shared cache, so every run starts alike. */
    private static void reset(BenchDatabase db, EntityManagerFactory emf) throws Exception {
        db.truncate("bench_audited_note", "bench_audited_note_AUD");
        db.execute("DELETE FROM REVINFO"); // a few dozen rows; referenced by _AUD, so no TRUNCATE
        emf.getCache().evictAll();
    }

    /** The timed part: N inserts, then N loads and updates, {@value #PER_TRANSACTION} a transaction. */
    @SuppressWarnings("try") // the processing scope works by being open
    private static long insertAndUpdate(EntityManagerFactory emf, int rows) throws Exception {
        LocalDate purchase = LocalDate.of(2025, 9, 1);
        return Harness.time(() -> {
            try (ProcessingContext.Scope scope = ProcessingContext.open("billing", "benchmark")) {
                for (int from = 0; from < rows; from += PER_TRANSACTION) {
                    int start = from;
                    BenchUnits.inTransaction(emf, em -> {
                        for (int i = start; i < Math.min(rows, start + PER_TRANSACTION); i++) {
                            em.persist(new AuditedNote(i + 1L, "c" + (i % 1000), purchase, "Customer " + i,
                                    "+45 0000 " + i));
                        }
                    });
                }
                for (int from = 0; from < rows; from += PER_TRANSACTION) {
                    int start = from;
                    BenchUnits.inTransaction(emf, em -> {
                        List<AuditedNote> notes = em.createQuery("SELECT e FROM AuditedNote e WHERE e.id > :from"
                                        + " AND e.id <= :to", AuditedNote.class)
                                .setParameter("from", (long) start).setParameter("to", (long) start + PER_TRANSACTION)
                                .getResultList();
                        for (AuditedNote note : notes) {
                            note.name = note.name + " (renamed)";
                        }
                    });
                }
            }
        });
    }
}
