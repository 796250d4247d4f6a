// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.jpa.internal.store.SubjectChanges;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * What one node has seen of {@code custos_subject_change} (schema version 12): the count each bucket of subjects
 * was last changed at. Something kept about a subject since count n is still current while its bucket's count is at
 * most n; {@link #check} asks the database what changed since the last check, one indexed query. Thread-safe.
 */
final class SubjectChangeView {

    private final SubjectChanges changes = new SubjectChanges();
    /** The count each bucket was last changed at, as far as this node has seen; guarded by {@code this}. */
    private final long[] changedAt = new long[SubjectChanges.BUCKETS];
    /** The highest count this node has seen; guarded by {@code this}. */
    private long seen = -1;

    /**
     * Reads on {@code connection} the buckets changed since the highest count seen and marks them; returns the count
     * what is read next may be stamped with: the counter as of the query, never a later one another thread saw.
     */
    long check(Connection connection) throws SQLException {
        long since;
        synchronized (this) {
            since = seen;
        }
        Map<Integer, Long> changed = changes.since(connection, since);
        if (changed.isEmpty()) {
            return since;
        }
        long count = changed.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        synchronized (this) {
            changed.forEach((bucket, at) -> {
                if (bucket >= 0 && bucket < changedAt.length) {
                    changedAt[bucket] = Math.max(changedAt[bucket], at);
                }
            });
            seen = Math.max(seen, count);
        }
        return count;
    }

    /**
     * The highest count this node has seen, without asking the database: what a key read now may be stamped with
     * when every use is preceded by some check of this view (the reads' decisions check it).
     */
    synchronized long seen() {
        return seen;
    }

    /** Whether what was read about {@code subjectId} at count {@code readAt} is still current. */
    synchronized boolean current(String subjectId, long readAt) {
        return readAt >= changedAt[SubjectChanges.bucket(subjectId)];
    }
}
