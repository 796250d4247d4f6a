// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.jpa.internal.store.SubjectChanges;
import dev.custos.jpa.internal.store.SubjectKeys;
import dev.custos.jpa.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pseudonyms a node keeps for its write audits: used as kept while nothing about the subject changed, read again
 * once a change of its bucket is recorded (as destroying its key records one), never kept from a failed flush.
 */
class PseudonymCacheTest {

    private final SubjectKeys keys = new SubjectKeys();

    @Test
    void keepsAPseudonymUntilAChangeOfItsSubjectIsRecorded() throws Exception {
        try (TestDatabase db = TestDatabase.migrated(TestDatabase.DERBY)) {
            PseudonymCache cache = new PseudonymCache(keys, 10);
            List<String> created = new ArrayList<>();
            String first = pseudonyms(db, cache, created).get("a");
            assertThat(created).containsExactly("a");

            // the key is gone, but nothing recorded it: the kept pseudonym is used, and proves it was kept
            execute(db, "DELETE FROM custos_subject_key WHERE subject_id = 'a'");
            assertThat(pseudonyms(db, cache, created).get("a")).isEqualTo(first);
            assertThat(created).containsExactly("a");

            try (Connection c = db.transaction()) {
                new SubjectChanges().record(c, List.of("a"));
                c.commit();
            }
            String second = pseudonyms(db, cache, created).get("a");
            assertThat(created).as("read again, and made anew").containsExactly("a", "a");
            assertThat(second).isNotEqualTo(first);
        }
    }

    /**
     * The read audit's cache runs no check of its own: it is current as of the last check of the view the reads'
     * decisions share with it, and a change that check sees makes it read the subject again.
     */
    @Test
    void aCacheCheckedElsewhereIsCurrentAsOfTheLastCheckOfItsView() throws Exception {
        try (TestDatabase db = TestDatabase.migrated(TestDatabase.DERBY)) {
            SubjectChangeView view = new SubjectChangeView();
            PseudonymCache cache = new PseudonymCache(keys, view, 10);
            List<String> created = new ArrayList<>();
            check(db, view);
            String first = lastChecked(db, cache, created).get("a");
            assertThat(created).containsExactly("a");

            execute(db, "DELETE FROM custos_subject_key WHERE subject_id = 'a'");
            try (Connection c = db.transaction()) {
                new SubjectChanges().record(c, List.of("a"));
                c.commit();
            }
            assertThat(lastChecked(db, cache, created).get("a")).as("no check since the change").isEqualTo(first);
            assertThat(created).containsExactly("a");

            check(db, view); // as the next read's decision does
            String second = lastChecked(db, cache, created).get("a");
            assertThat(created).as("read again, and made anew").containsExactly("a", "a");
            assertThat(second).isNotEqualTo(first);
        }
    }

    @Test
    void keepsNothingFromAFailedLookUpAndStaysWithinItsCapacity() throws Exception {
        try (TestDatabase db = TestDatabase.migrated(TestDatabase.DERBY)) {
            PseudonymCache cache = new PseudonymCache(keys, 2);
            try (Connection c = db.transaction()) {
                assertThatThrownBy(() -> cache.pseudonyms(c, List.of("a"), id -> {
                    throw new SQLException("down");
                })).isInstanceOf(SQLException.class);
            }
            assertThat(cache.size()).isZero();
            try (Connection c = db.transaction()) {
                cache.pseudonyms(c, List.of("a", "b", "c"), id -> committed(db, id));
                c.commit();
            }
            assertThat(cache.size()).isEqualTo(2);
        }
    }

    private Map<String, String> pseudonyms(TestDatabase db, PseudonymCache cache, List<String> created)
            throws SQLException {
        try (Connection c = db.transaction()) {
            Map<String, String> found = cache.pseudonyms(c, List.of("a"), id -> {
                created.add(id);
                return committed(db, id);
            });
            c.commit();
            return found;
        }
    }

    private Map<String, String> lastChecked(TestDatabase db, PseudonymCache cache, List<String> created)
            throws SQLException {
        try (Connection c = db.transaction()) {
            Map<String, String> found = cache.pseudonymsAsLastChecked(c, List.of("a"), id -> {
                created.add(id);
                return committed(db, id);
            });
            c.commit();
            return found;
        }
    }

    private static void check(TestDatabase db, SubjectChangeView view) throws SQLException {
        try (Connection c = db.connect()) {
            view.check(c);
        }
    }

    /** The subject's pseudonym, its key made and committed in a transaction of its own, as the write audit does. */
    private String committed(TestDatabase db, String subjectId) throws SQLException {
        try (Connection c = db.transaction()) {
            String pseudonym = keys.pseudonym(c, subjectId);
            c.commit();
            return pseudonym;
        }
    }

    private static void execute(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
