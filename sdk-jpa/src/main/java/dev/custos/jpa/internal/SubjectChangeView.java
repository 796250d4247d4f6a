// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.jpa.internal.store.SubjectChanges;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;

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
    /** The shared checks' rounds ({@link #checkShared}); the fields below are guarded by it. */
    private final Object rounds = new Object();
    private boolean checking;
    private long started;
    private long finished;
    private long lastCount;
    private Exception lastFailure;
    private int waiting;

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
     * As {@link #check}, on a connection of {@code dataSource}'s, one check shared by concurrent readers: a reader
     * that finds a check running waits for it to end and then takes the next one, which one of the readers waiting
     * runs for all of them. Every reader so uses a check that started after it asked, as its own would have, and
     * a check that fails fails every reader that took it (fail closed). One reader alone runs its own at once.
     */
    long checkShared(DataSource dataSource) throws SQLException {
        long round;
        synchronized (rounds) {
            long wanted = started + 1; // the first round to start after this call
            boolean interrupted = false;
            while (finished < wanted && checking) {
                waiting++;
                try {
                    rounds.wait();
                } catch (InterruptedException e) {
                    interrupted = true; // a round's outcome comes soon: wait for it
                } finally {
                    waiting--;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (finished >= wanted) {
                if (lastFailure != null) {
                    throw new SQLException("the shared check of custos_subject_change failed", lastFailure);
                }
                return lastCount;
            }
            checking = true;
            round = ++started;
        }
        long count = 0;
        Exception failure = new IllegalStateException("the check ended abnormally");
        try (Connection connection = dataSource.getConnection()) {
            count = check(connection);
            failure = null;
            return count;
        } catch (SQLException | RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            synchronized (rounds) {
                checking = false;
                finished = round;
                lastCount = count;
                lastFailure = failure;
                rounds.notifyAll();
            }
        }
    }

    /** Readers waiting for a shared check now, for tests. */
    int waiting() {
        synchronized (rounds) {
            return waiting;
        }
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
