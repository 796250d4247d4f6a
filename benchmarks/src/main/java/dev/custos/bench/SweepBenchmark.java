// SPDX-License-Identifier: Apache-2.0
package dev.custos.bench;

import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.internal.store.EntityIdList;
import dev.custos.jpa.retention.RetentionSweeper;
import dev.custos.jpa.retention.SweepOptions;
import dev.custos.jpa.retention.SweepReport;
import dev.custos.jpa.internal.store.SubjectKeys;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark 3, the retention sweep: N due {@code SweepClient} rows (names kept a year after the last session,
 * which ended in 2020 or 2021), {@value #ROWS_PER_SUBJECT} rows per data subject, whose pseudonym keys exist as
 * they would once Custos had audited their writes. Custos's {@link RetentionSweeper} with the default options
 * (batches of {@value SweepOptions#DEFAULT_BATCH_SIZE}, each locked by key range and decided once, then erased,
 * with an erasure-log row and an audit record per row)
 * against one hand-written {@code UPDATE ... SET name = NULL WHERE lastSession <= ? AND name IS NOT NULL} in one
 * transaction. Each run gets a database of its own, loaded alike and vacuumed (PostgreSQL) before the clock
 * starts. The Custos run also measures the heap's growth ({@link HeapWatch}).
 * <p>
 * The headline is the median of at least {@value #PAIRS} pairs after a warm-up pair, at 100,000 rows (2,000 with
 * {@code --quick}), the order within a pair alternating; each Custos run's erasure log and the rows its ERASE audit
 * records list must number the rows it erased. Goal: Custos / SQL at most 3.0 (issue 20), heap growth under 64 MB.
 */
final class SweepBenchmark {

    static final int ROWS_PER_SUBJECT = 10;
    /** The fewest pairs (Custos, SQL) behind the headline figure. */
    static final int PAIRS = 3;
    /** The sweep's batch size: the default, unless {@code -Dcustos.bench.sweep.batch=N} (for exploring only). */
    static final int BATCH = Integer.getInteger("custos.bench.sweep.batch", SweepOptions.DEFAULT_BATCH_SIZE);
    /**
     * How long one Custos sweep may run ({@code -Dcustos.bench.sweep.cap-minutes}, default 10): its cost per row
     * grows with the rows already erased (docs/benchmarks.md), so a million rows would take hours. A sweep that
     * reaches the cap is stopped after its current batch (through the progress listener, as the sweeper allows),
     * and its ratio is reported as a lower bound.
     */
    static final long CAP_NANOS = Duration.ofMinutes(Long.getLong("custos.bench.sweep.cap-minutes", 10)).toNanos();
    private static final LocalDate FIRST_SESSION = LocalDate.of(2020, 1, 1);

    private SweepBenchmark() {
    }

    static void run(Options options) throws Exception {
        List<String> databases = options.databases().contains(BenchDatabase.POSTGRESQL)
                ? List.of(BenchDatabase.POSTGRESQL) : options.databases();
        if (!databases.contains(BenchDatabase.POSTGRESQL)) {
            Report.note("the sweep's goal is for PostgreSQL, which is not reachable: running on " + databases);
        }
        // the provider runs the sweep's JPQL; the headline figure is the last listed (Hibernate by default)
        String headlineProvider = options.providers().get(options.providers().size() - 1);
        for (String kind : databases) {
            if (options.quick()) {
                measure(kind, headlineProvider, 2_000, Math.max(PAIRS, options.reps(PAIRS, PAIRS)), true);
                continue;
            }
            // How the cost grows. At about a millisecond a row the full size takes a quarter of an hour, so the
            // larger sizes run once, on the headline provider; the other provider runs the smallest size only.
            String sizes = System.getProperty("custos.bench.sweep.sizes");
            if (sizes != null) { // for re-running part of the series: the last size is the headline
                String[] list = sizes.split(",");
                for (int i = 0; i < list.length; i++) {
                    boolean last = i == list.length - 1;
                    measure(kind, headlineProvider, Integer.parseInt(list[i].trim()), last ? PAIRS : 1, last);
                }
                continue;
            }
            for (String provider : options.providers()) {
                boolean headline = provider.equals(headlineProvider);
                measure(kind, provider, 10_000, options.reps(headline ? 3 : 1, 1), false);
            }
            // the headline: a million rows take about a quarter of an hour a sweep, too long for several pairs
            measure(kind, headlineProvider, 100_000, Math.max(PAIRS, options.reps(PAIRS, PAIRS)), true);
        }
    }

    /**
     * Runs {@code reps} pairs of a Custos sweep and the SQL update, alternating which goes first; a headline
     * figure first runs one pair as a warm-up (the JIT, the database's caches), which is not counted.
     */
    private static void measure(String kind, String provider, int rows, int reps, boolean headline)
            throws Exception {
        if (headline) {
            sqlRun(kind, provider, rows);
            custosRun(kind, provider, rows);
        }
        List<Double> custos = new ArrayList<>();
        List<Double> sql = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        HeapWatch.Growth worst = null;
        String tag = null;
        CustosRun capped = null;
        for (int i = 0; i < reps; i++) {
            double s;
            CustosRun run;
            if (i % 2 == 0) {
                s = Harness.ms(sqlRun(kind, provider, rows));
                run = custosRun(kind, provider, rows);
            } else {
                run = custosRun(kind, provider, rows);
                s = Harness.ms(sqlRun(kind, provider, rows));
            }
            double c = Harness.ms(run.nanos());
            tag = run.tag();
            if (run.capped()) {
                capped = run;
            }
            if (worst == null || run.growth().peak() > worst.peak()) {
                worst = run.growth();
            }
            custos.add(c);
            sql.add(s);
            ratios.add(c / s);
        }
        Stats custosStats = new Stats(custos);
        Stats sqlStats = new Stats(sql);
        double ratio = custosStats.median() / sqlStats.median();
        String cell = provider + "_" + tag;
        Report.note(String.format(Locale.ROOT, "sweep %s rows=%d, %d pairs%s: SQL %s; Custos %s; per-run ratio %s;"
                        + " heap growth peak %s MB, retained %s MB, %d collections seen", cell, rows, reps,
                headline ? " after a warm-up pair" : "", sqlStats.describe(" ms"),
                custosStats.describe(" ms"), new Stats(ratios).describe(""), Stats.format(worst.peakMb()),
                Stats.format(worst.retainedMb()), worst.collections()));
        Report.note(String.format(Locale.ROOT, "GROWTH sweep %s rows=%d sql_ms=%s custos_ms=%s ratio=%s heap_mb=%s",
                cell, rows, Stats.format(sqlStats.median()), Stats.format(custosStats.median()), Stats.format(ratio),
                Stats.format(worst.peakMb())));
        if (capped != null) {
            Report.note(String.format(Locale.ROOT, "sweep %s rows=%d: STOPPED at the time cap after %s s with %d of %d"
                            + " rows erased (%s rows/s); the Custos time and the ratio above are LOWER BOUNDS", cell, rows,
                    Stats.format(capped.nanos() / 1e9), capped.erased(), rows,
                    Stats.format(capped.erased() / (capped.nanos() / 1e9))));
        }
        if (headline) {
            String suffix = "_" + tag;
            Report.result("sweep_vs_sql_ratio" + suffix, ratio);
            Report.result("sweep_heap_growth_mb" + suffix, worst.peakMb());
            if (capped != null) {
                Report.note("sweep_vs_sql_ratio" + suffix + " is a lower bound (the sweep was stopped at its time cap);"
                        + " the heap growth covers the part that ran");
            }
            Report.goal("sweep_vs_sql_ratio" + suffix, ratio, 3.0, false, "");
            Report.goal("sweep_heap_growth_mb" + suffix, worst.peakMb(), 64, true, " MB");
        }
    }

    /**
     * One sweep: its time, the heap's growth during it, the database's tag, the rows it erased, and whether it was
     * stopped at the time cap.
     */
    private record CustosRun(long nanos, HeapWatch.Growth growth, String tag, long erased, boolean capped) {
    }

    /** Thrown by the progress listener to stop a sweep at the time cap. */
    private static final class Capped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Capped() {
            super("time cap reached", null, false, false);
        }
    }

    private static CustosRun custosRun(String kind, String provider, int rows) throws Exception {
        try (BenchDatabase db = BenchDatabase.create(kind)) {
            EntityManagerFactory emf = BenchUnits.open(provider + "-custos", db, true);
            try {
                CustosRuntime runtime = CustosJpa.start(provider + "-custos", emf, db.dataSource());
                load(db, rows);
                createSubjectKeys(db, rows / ROWS_PER_SUBJECT);
                db.vacuumAnalyze("bench_sweep_client", "custos_subject_key");
                RetentionSweeper sweeper = new RetentionSweeper(runtime);
                HeapWatch heap = new HeapWatch();
                heap.start();
                StatementCounter.reset();
                SweepReport[] report = new SweepReport[1];
                long[] erased = new long[1];
                boolean[] capped = new boolean[1];
                long start = System.nanoTime();
                SweepOptions sweepOptions = SweepOptions.defaults().withBatchSize(BATCH).withListener(progress -> {
                    erased[0] += progress.erased();
                    if (System.nanoTime() - start > CAP_NANOS) {
                        throw new Capped();
                    }
                });
                long elapsed = Harness.time(() -> {
                    try {
                        report[0] = sweeper.sweep(sweepOptions);
                    } catch (Capped e) {
                        capped[0] = true;
                    }
                });
                HeapWatch.Growth growth = heap.stop();
                StatementCounter.print("of the Custos sweep of " + rows + " rows", rows, "row");
                long left = db.count("SELECT COUNT(*) FROM bench_sweep_client WHERE name IS NOT NULL");
                // each erased row is logged once and listed once in an ERASE record (one per batch and subject),
                // or the time measured is not a sweep's
                long logged = db.count("SELECT COUNT(*) FROM custos_erasure_log");
                long audited = erasedRowsListedOnce(db);
                if (logged != erased[0] || audited != erased[0]) {
                    throw new IllegalStateException("the sweep erased " + erased[0] + " rows but logged " + logged
                            + " and audited " + audited + " (ERASE)");
                }
                if (capped[0]) {
                    if (left != rows - erased[0]) {
                        throw new IllegalStateException(left + " names left after erasing " + erased[0] + " of " + rows);
                    }
                    return new CustosRun(elapsed, growth, db.tag(), erased[0], true);
                }
                if (report[0].outcome() != SweepReport.Outcome.COMPLETED || report[0].erased() != rows) {
                    throw new IllegalStateException("the sweep erased " + report[0].erased() + " of " + rows
                            + " rows: " + report[0].outcome() + " " + report[0].detail());
                }
                if (left != 0) {
                    throw new IllegalStateException(left + " names left after the sweep");
                }
                return new CustosRun(elapsed, growth, db.tag(), rows, false);
            } finally {
                emf.close();
            }
        }
    }

    private static long sqlRun(String kind, String provider, int rows) throws Exception {
        try (BenchDatabase db = BenchDatabase.create(kind)) {
            BenchUnits.open(provider + "-plain", db, true).close(); // the same tables, from the same provider
            load(db, rows);
            db.vacuumAnalyze("bench_sweep_client");
            LocalDate cutoff = LocalDate.now().minusYears(1);
            int[] updated = new int[1];
            long elapsed = Harness.time(() -> {
                try (Connection c = db.connect()) {
                    c.setAutoCommit(false);
                    try (PreparedStatement update = c.prepareStatement("UPDATE bench_sweep_client SET name = NULL"
                            + " WHERE lastSession <= ? AND name IS NOT NULL")) {
                        update.setDate(1, Date.valueOf(cutoff));
                        updated[0] = update.executeUpdate();
                    }
                    c.commit();
                }
            });
            if (updated[0] != rows) {
                throw new IllegalStateException("the UPDATE erased " + updated[0] + " of " + rows + " rows");
            }
            return elapsed;
        }
    }

    /** N rows, ids 1..N, subject "s" + id % subjects, last sessions spread over 700 days from 2020-01-01. */
    private static void load(BenchDatabase db, int rows) throws Exception {
        int subjects = Math.max(1, rows / ROWS_PER_SUBJECT);
        if (!db.isDerby()) {
            db.execute("INSERT INTO bench_sweep_client (id, subjectId, lastSession, name) SELECT g, 's' || (g % "
                    + subjects + "), DATE '2020-01-01' + (g % 700), 'Client name ' || g FROM generate_series(1, "
                    + rows + ") g");
            return;
        }
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO bench_sweep_client (id, subjectId, lastSession, name) VALUES (?, ?, ?, ?)")) {
                for (int g = 1; g <= rows; g++) {
                    insert.setLong(1, g);
                    insert.setString(2, "s" + (g % subjects));
                    insert.setDate(3, Date.valueOf(FIRST_SESSION.plusDays(g % 700)));
                    insert.setString(4, "Client name " + g);
                    insert.addBatch();
                    if (g % 1000 == 0) {
                        insert.executeBatch();
                        c.commit();
                    }
                }
                insert.executeBatch();
            }
            c.commit();
        }
    }

    /** The subjects' pseudonym keys, as Custos creates them when it first audits a subject's data. */
    private static void createSubjectKeys(BenchDatabase db, int subjects) throws Exception {
        SubjectKeys keys = new SubjectKeys();
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            for (int s = 0; s < subjects; s++) {
                keys.pseudonym(c, "s" + s);
                if (s % 1000 == 999) {
                    c.commit();
                }
            }
            c.commit();
        }
        long created = db.count("SELECT COUNT(*) FROM custos_subject_key");
        if (created != subjects) {
            throw new IllegalStateException(created + " subject keys, expected " + subjects);
        }
    }

    /** The rows the ERASE records list, or -1 when one is listed twice. */
    private static long erasedRowsListedOnce(BenchDatabase db) throws java.sql.SQLException {
        java.util.Set<String> listed = new java.util.HashSet<>();
        long total = 0;
        try (Connection c = db.connect(); java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT entity_id FROM custos_audit_record WHERE action = 'ERASE'")) {
            while (rs.next()) {
                for (String id : EntityIdList.ids(rs.getString(1))) {
                    listed.add(id);
                    total++;
                }
            }
        }
        return listed.size() == total ? total : -1;
    }
}
