// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code custos_subject_change} (schema version 12): which subjects' consent or restriction changed, so that a node
 * may keep their state between reads. Every change {@link #record records} itself in the transaction that makes it:
 * it increments the counter row and stamps the subject's bucket with the new count. The counter's row lock is held
 * until that transaction ends, so counts commit in their order and a reader that saw count n has seen every change
 * up to n. Buckets hash subject ids, so the table names nobody. Stateless and thread-safe.
 */
public final class SubjectChanges {

    /** How many buckets subjects are spread over: a change invalidates the cached state of one in this many. */
    public static final int BUCKETS = 1024;
    /** The counter's row. */
    static final int COUNTER = -1;

    /** The bucket of {@code subjectId}: stable across JVMs, as {@link String#hashCode} is specified. */
    public static int bucket(String subjectId) {
        return Math.floorMod(subjectId.hashCode(), BUCKETS);
    }

    /**
     * Records that the state of {@code subjectIds} changes in the caller's transaction. Call it before any other
     * lock a change takes (the consent ledger's head): every change then locks in the same order.
     */
    public void record(Connection connection, Collection<String> subjectIds) {
        if (subjectIds.isEmpty()) {
            return;
        }
        Jdbc.run("Recording a change of consent or restriction in custos_subject_change", () -> {
            try (PreparedStatement bump = connection.prepareStatement("UPDATE custos_subject_change"
                    + " SET change_seq = change_seq + 1 WHERE bucket = " + COUNTER)) {
                if (bump.executeUpdate() != 1) {
                    throw new SQLException(StoreMessages.changeCounterMissing().toString());
                }
            }
            long count = counter(connection);
            TreeSet<Integer> buckets = new TreeSet<>();
            subjectIds.forEach(id -> buckets.add(bucket(id)));
            for (int bucket : buckets) {
                stamp(connection, bucket, count);
            }
            return null;
        });
    }

    /**
     * The buckets stamped after {@code since}, each with its stamp, and the counter (key {@value #COUNTER}) if it
     * moved: one indexed query, empty when nothing changed.
     */
    public Map<Integer, Long> since(Connection connection, long since) throws SQLException {
        Map<Integer, Long> changed = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT bucket, change_seq"
                + " FROM custos_subject_change WHERE change_seq > ?")) {
            select.setLong(1, since);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    changed.put(rows.getInt(1), rows.getLong(2));
                }
            }
        }
        return changed;
    }

    private static long counter(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT change_seq FROM custos_subject_change"
                + " WHERE bucket = " + COUNTER); ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Under the counter's lock, so the insert of a bucket's first row never races another. */
    private static void stamp(Connection connection, int bucket, long count) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE custos_subject_change SET change_seq = ?"
                + " WHERE bucket = ?")) {
            update.setLong(1, count);
            update.setInt(2, bucket);
            if (update.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO custos_subject_change"
                + " (bucket, change_seq) VALUES (?, ?)")) {
            insert.setInt(1, bucket);
            insert.setLong(2, count);
            insert.executeUpdate();
        }
    }
}
