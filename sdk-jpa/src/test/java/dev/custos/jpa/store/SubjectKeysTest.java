// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.jpa.testing.DatabaseTest;
import dev.custos.jpa.testing.TestDatabase;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

class SubjectKeysTest {

    private final SubjectKeys keys = new SubjectKeys();

    @DatabaseTest
    void aSubjectKeepsItsPseudonymUntilTheKeyIsShredded(String database) throws Exception {
        try (TestDatabase db = TestDatabase.migrated(database); Connection c = db.transaction()) {
            assertThat(keys.existingPseudonym(c, "kari")).isEmpty();
            String first = keys.pseudonym(c, "kari");
            c.commit();

            assertThat(first).startsWith("ps1:").hasSize(36);
            assertThat(keys.pseudonym(c, "kari")).isEqualTo(first);
            assertThat(keys.existingPseudonym(c, "kari")).contains(first);
            assertThat(keys.pseudonym(c, "ola")).isNotEqualTo(first);

            assertThat(keys.shred(c, "kari")).isTrue();
            assertThat(keys.shred(c, "kari")).isFalse();
            assertThat(keys.existingPseudonym(c, "kari")).isEmpty();
        }
    }

    @DatabaseTest
    void twoTransactionsCreatingTheSameKeyAgree(String database) throws Exception {
        try (TestDatabase db = TestDatabase.migrated(database)) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CyclicBarrier start = new CyclicBarrier(2);
            try {
                List<Future<String>> results = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    results.add(pool.submit(() -> {
                        try (Connection c = db.transaction()) {
                            start.await(10, TimeUnit.SECONDS);
                            String pseudonym = keys.pseudonym(c, "kari");
                            c.commit();
                            return pseudonym;
                        }
                    }));
                }
                HashSet<String> pseudonyms = new HashSet<>();
                for (Future<String> result : results) {
                    pseudonyms.add(result.get(60, TimeUnit.SECONDS));
                }
                assertThat(pseudonyms).hasSize(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
