// SPDX-License-Identifier: Apache-2.0
package dev.custos.bench;

import dev.custos.bench.model.HealthNote;
import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.access.ProcessingContext;
import dev.custos.jpa.consent.ConsentRegistry;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Not a benchmark: the experiment behind "why Hibernate on PostgreSQL grows faster than linearly" in
 * docs/benchmarks.md. Reads N audited rows with Custos on PostgreSQL, twice in a transaction and twice without,
 * and reports the time, whether the reading session sat "idle in transaction" holding an xmin meanwhile, and how
 * many dead versions of the audit chain's head row were left. Usage: {@code ReadHorizonProbe <provider> <rows>}.
 */
public final class ReadHorizonProbe {

    private ReadHorizonProbe() {
    }

    public static void main(String[] args) throws Exception {
        String provider = args[0];
        int rows = Integer.parseInt(args[1]);
        try (BenchDatabase db = BenchDatabase.create(BenchDatabase.POSTGRESQL)) {
            EntityManagerFactory emf = BenchUnits.open(provider + "-custos", db, true);
            try {
                CustosRuntime runtime = CustosJpa.start(provider + "-custos", emf, db.dataSource());
                // health data is written under a purpose it declares, as it is read
                try (ProcessingContext.Scope scope = ProcessingContext.open("research", "probe")) {
                    BenchUnits.inTransaction(emf, em -> {
                        for (int i = 0; i < rows; i++) {
                            em.persist(new HealthNote(i + 1L, "p" + (i % 100), "answers " + i));
                        }
                    });
                }
                ConsentRegistry consent = new ConsentRegistry(runtime);
                for (int s = 0; s < 100; s++) {
                    consent.give("p" + s, "research", "notice-1", "probe");
                }
                for (boolean inTransaction : new boolean[] {true, false, true, false}) {
                    probe(db, emf, provider, rows, inTransaction);
                }
            } finally {
                emf.close();
            }
        }
    }

    @SuppressWarnings("try") // the processing scope works by being open
    private static void probe(BenchDatabase db, EntityManagerFactory emf, String provider, int rows,
                              boolean inTransaction) throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        long[] holders = new long[1];
        Thread watcher = new Thread(() -> {
            try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
                 Statement s = admin.createStatement()) {
                while (!done.get()) {
                    try (ResultSet r = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE state ="
                            + " 'idle in transaction' AND backend_xmin IS NOT NULL AND query LIKE 'select hn1_0%'")) {
                        r.next();
                        holders[0] = Math.max(holders[0], r.getLong(1));
                    }
                    Thread.sleep(200);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        watcher.start();
        long start = System.nanoTime();
        try (ProcessingContext.Scope scope = ProcessingContext.open("research", "probe")) {
            EntityManager em = emf.createEntityManager();
            try {
                if (inTransaction) {
                    em.getTransaction().begin();
                }
                int read = em.createQuery("SELECT e FROM HealthNote e", HealthNote.class).getResultList().size();
                if (inTransaction) {
                    em.getTransaction().commit();
                }
                if (read != rows) {
                    throw new IllegalStateException("read " + read + " rows, expected " + rows);
                }
            } finally {
                em.close();
            }
        } finally {
            done.set(true);
            watcher.join();
        }
        System.out.printf(Locale.ROOT, "%s %s: %d ms; reading session idle in transaction with an xmin: %s;"
                        + " dead versions of the audit head row: %d%n", provider,
                inTransaction ? "in a transaction" : "without a transaction", (System.nanoTime() - start) / 1_000_000,
                holders[0] > 0 ? "yes" : "no", db.count("SELECT n_dead_tup FROM pg_stat_user_tables"
                        + " WHERE relname = 'custos_audit_head' AND schemaname = current_schema()"));
    }
}
