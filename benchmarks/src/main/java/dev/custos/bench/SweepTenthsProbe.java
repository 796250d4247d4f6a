// SPDX-License-Identifier: Apache-2.0
package dev.custos.bench;

import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.retention.RetentionSweeper;
import dev.custos.jpa.retention.SweepOptions;
import dev.custos.jpa.retention.SweepReport;
import dev.custos.jpa.internal.store.SubjectKeys;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.util.Locale;

/**
 * Not a benchmark: the experiment behind "the cost per row grows with the rows already erased" in
 * docs/benchmarks.md. Sweeps N due rows on PostgreSQL (Hibernate) with batches of B and prints the cost per row
 * of each tenth of the rows (or of each batch, when a batch is larger than a tenth). Usage: {@code SweepTenthsProbe <rows> <batch size>}.
 */
public final class SweepTenthsProbe {

    private SweepTenthsProbe() {
    }

    public static void main(String[] args) throws Exception {
        int rows = Integer.parseInt(args[0]);
        int batch = Integer.parseInt(args[1]);
        try (BenchDatabase db = BenchDatabase.create(BenchDatabase.POSTGRESQL)) {
            EntityManagerFactory emf = BenchUnits.open("hibernate-custos", db, true);
            try {
                CustosRuntime runtime = CustosJpa.start("hibernate-custos", emf, db.dataSource());
                int subjects = rows / SweepBenchmark.ROWS_PER_SUBJECT;
                db.execute("INSERT INTO bench_sweep_client (id, subjectId, lastSession, name) SELECT g, 's' || (g % "
                        + subjects + "), DATE '2020-01-01' + (g % 700), 'Client name ' || g"
                        + " FROM generate_series(1, " + rows + ") g");
                SubjectKeys keys = new SubjectKeys();
                try (Connection c = db.connect()) {
                    c.setAutoCommit(false);
                    for (int s = 0; s < subjects; s++) {
                        keys.pseudonym(c, "s" + s);
                    }
                    c.commit();
                }
                db.vacuumAnalyze("bench_sweep_client", "custos_subject_key");
                int tenth = rows / 10;
                long start = System.nanoTime();
                long[] last = {start};
                long[] erased = {0};
                long[] erasedAtLast = {0};
                long[] nextMark = {tenth};
                SweepReport report = new RetentionSweeper(runtime).sweep(SweepOptions.defaults().withBatchSize(batch)
                        .withListener(progress -> {
                            erased[0] += progress.erased();
                            if (erased[0] >= nextMark[0]) {
                                long now = System.nanoTime();
                                System.out.printf(Locale.ROOT, "  rows %d to %d: %.2f ms a row%n", erasedAtLast[0] + 1,
                                        erased[0], (now - last[0]) / 1e6 / (erased[0] - erasedAtLast[0]));
                                last[0] = now;
                                erasedAtLast[0] = erased[0];
                                while (nextMark[0] <= erased[0]) {
                                    nextMark[0] += tenth;
                                }
                            }
                        }));
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "%d rows, batches of %d: %.1f s, %.2f ms a row, %d erased%n", rows,
                        batch, seconds, seconds * 1000 / rows, report.erased());
            } finally {
                emf.close();
            }
        }
    }
}
