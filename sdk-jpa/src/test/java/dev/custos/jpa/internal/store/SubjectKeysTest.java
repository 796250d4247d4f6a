// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.jpa.testing.DatabaseTest;
import dev.custos.jpa.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

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

    /**
     * On Derby, a look-up of many subjects probes the key table's index once per subject. Left to itself, Derby
     * reads the whole table for an IN list and compares every key with every subject, until the table holds some
     * 15 times as many rows as the list: the write path's main cost on Derby before.
     */
    @Test
    void onDerbyALookUpOfManySubjectsProbesTheKeyIndex() throws Exception {
        try (TestDatabase db = TestDatabase.migrated(TestDatabase.DERBY); Connection c = db.transaction()) {
            List<String> subjects = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                subjects.add("subject-" + i);
                keys.pseudonym(c, "subject-" + i);
            }
            c.commit();
            try (Statement s = c.createStatement()) {
                s.execute("CALL SYSCS_UTIL.SYSCS_SET_RUNTIMESTATISTICS(1)");
            }
            assertThat(keys.existingPseudonyms(c, subjects.subList(0, 50))).hasSize(50);
            try (Statement s = c.createStatement();
                 ResultSet plan = s.executeQuery("VALUES SYSCS_UTIL.SYSCS_GET_RUNTIMESTATISTICS()")) {
                assertThat(plan.next()).isTrue();
                assertThat(plan.getString(1))
                        .contains("Index Scan ResultSet for CUSTOS_SUBJECT_KEY using constraint CUSTOS_SUBJECT_KEY_PK")
                        .doesNotContain("Table Scan");
            }
        }
    }

    @DatabaseTest
    void scheduledKeysStayUsableAndAreDestroyedInBatchesOnceTheirTimeHasCome(String database) throws Exception {
        Instant due = Instant.parse("2028-03-02T10:00:00Z");
        try (TestDatabase db = TestDatabase.migrated(database); Connection c = db.transaction()) {
            for (String subject : List.of("s1", "s2", "s3", "s4", "s5", "later", "in-use")) {
                keys.pseudonym(c, subject);
            }
            String first = keys.pseudonym(c, "s1");
            for (String subject : List.of("s1", "s2", "s3", "s4", "s5")) {
                assertThat(keys.scheduleShred(c, subject, due)).isTrue();
            }
            assertThat(keys.scheduleShred(c, "later", due.plusSeconds(1))).isTrue();
            assertThat(keys.scheduleShred(c, "never-had-one", due)).isFalse();
            c.commit();

            assertThat(keys.shredAfter(c, "s1")).contains(due);
            assertThat(keys.shredAfter(c, "in-use")).isEmpty();
            assertThat(keys.existingPseudonym(c, "s1")).contains(first);
            assertThat(keys.shredDue(c, due.minusSeconds(1), 2)).isZero();
            assertThat(keys.countDue(c, due)).isEqualTo(5);

            List<Integer> batches = new ArrayList<>();
            for (int batch = 2; batch == 2; ) {
                batch = keys.shredDue(c, due, 2);
                c.commit();
                batches.add(batch);
            }

            assertThat(batches).containsExactly(2, 2, 1);
            assertThat(keys.existingPseudonym(c, "s1")).isEmpty();
            assertThat(keys.existingPseudonym(c, "s5")).isEmpty();
            assertThat(keys.existingPseudonym(c, "later")).isPresent();
            assertThat(keys.existingPseudonym(c, "in-use")).isPresent();
            assertThat(keys.countDue(c, due)).isZero();
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
