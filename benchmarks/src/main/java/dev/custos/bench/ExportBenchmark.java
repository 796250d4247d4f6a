// SPDX-License-Identifier: Apache-2.0
package dev.custos.bench;

import dev.custos.bench.model.HealthNote;
import dev.custos.core.request.DataSubjectRequest;
import dev.custos.core.request.RequestType;
import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.access.ProcessingContext;
import dev.custos.jpa.consent.ConsentRegistry;
import dev.custos.jpa.request.RequestExecutor;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.util.Locale;

/**
 * Benchmark 5, the access export: {@link RequestExecutor#exportAccess} of one subject with N {@link HealthNote}
 * rows (written through Custos, so the subject's access log holds N CREATE records too), among N more rows of
 * 50 other subjects, with the subject's consent history. Each run answers a new request, received and
 * identity-verified before the clock starts; the export's JSON is checked to hold every row.
 * <p>
 * Goal (10,000 rows): under 300 ms.
 */
final class ExportBenchmark {

    private static final String SUBJECT = "export-subject";

    private ExportBenchmark() {
    }

    static void run(Options options) throws Exception {
        int rows = options.size(10_000, 1_000);
        int reps = options.reps(5, 2);
        for (String kind : options.databasesOrOneWhenQuick()) {
            for (String provider : options.providers()) {
                try (BenchDatabase db = BenchDatabase.create(kind)) {
                    EntityManagerFactory emf = BenchUnits.open(provider + "-custos", db, true);
                    try {
                        CustosRuntime runtime = CustosJpa.start(provider + "-custos", emf, db.dataSource());
                        load(emf, rows);
                        new ConsentRegistry(runtime).give(SUBJECT, "research", "notice-1", "benchmark");
                        RequestExecutor executor = new RequestExecutor(runtime);
                        Stats stats = Harness.repeat(1, reps, () -> export(executor, rows));
                        String name = "export_10k_ms_" + provider + "_" + db.tag();
                        Report.note(String.format(Locale.ROOT, "%s: %s [one subject with %d rows, %d CREATE records"
                                + " in its access log]", name, stats.describe(" ms"), rows, rows));
                        Report.result(name, stats.median());
                        Report.goal(name, stats.median(), 300, true, " ms");
                    } finally {
                        emf.close();
                    }
                }
            }
        }
    }

    /** N rows of the subject and N of 50 others, written through Custos (audited), 1000 a transaction. */
    @SuppressWarnings("try") // the processing scope works by being open
    private static void load(EntityManagerFactory emf, int rows) {
        try (ProcessingContext.Scope scope = ProcessingContext.open("research", "benchmark")) {
            for (int from = 0; from < 2 * rows; from += 1000) {
                int start = from;
                BenchUnits.inTransaction(emf, em -> {
                    for (int i = start; i < Math.min(2 * rows, start + 1000); i++) {
                        String subject = i % 2 == 0 ? SUBJECT : "other-" + (i % 100);
                        em.persist(new HealthNote(i + 1L, subject, "answers of questionnaire " + i));
                    }
                });
            }
        }
    }

    private static long export(RequestExecutor executor, int rows) throws Exception {
        DataSubjectRequest received = executor.receive(RequestType.ACCESS, SUBJECT, Instant.now());
        DataSubjectRequest request = executor.verifyIdentity(received.id(), "front-desk");
        String[] json = new String[1];
        long elapsed = Harness.time(() -> json[0] = executor.exportAccess(request.id()));
        int found = occurrences(json[0], "\"answers of questionnaire ");
        if (found != rows) {
            throw new IllegalStateException("the export holds " + found + " rows, expected " + rows);
        }
        return elapsed;
    }

    private static int occurrences(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
            count++;
        }
        return count;
    }
}
