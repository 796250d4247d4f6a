// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.jpa.internal.store.SubjectKeys;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The pseudonyms of the subjects this node wrote lately, kept between flushes so a flush of writes about subjects
 * already seen reads no pseudonym key. Every use is checked first with one query of {@code custos_subject_change},
 * on the caller's connection: destroying a subject's key (erasure, a due shred) records a change, so a pseudonym
 * whose key was destroyed by any node before the check is read again, and a record written after the erasure never
 * carries the erased person's old pseudonym. Only pseudonyms of committed keys are kept: those read from the table
 * and those {@link NewPseudonym} created in a transaction of their own. At most {@code capacity} subjects, the least
 * recently used dropped first. Thread-safe.
 */
final class PseudonymCache {

    /** A subject's pseudonym, its key created and committed if it has none. */
    @FunctionalInterface
    interface NewPseudonym {
        String of(String subjectId) throws SQLException;
    }

    private record Kept(long readAt, String pseudonym) {
    }

    private final SubjectKeys keys;
    private final SubjectChangeView changes;
    private final Map<String, Kept> kept;

    PseudonymCache(SubjectKeys keys, int capacity) {
        this(keys, new SubjectChangeView(), capacity);
    }

    /** As the plain constructor, checked against {@code changes}, which may be shared with other users. */
    PseudonymCache(SubjectKeys keys, SubjectChangeView changes, int capacity) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.changes = Objects.requireNonNull(changes, "changes");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.kept = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Kept> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * The pseudonym of each of {@code subjectIds}: checked against {@code custos_subject_change} on
     * {@code connection}, then read there for the subjects not kept or changed since, in one query per 500, and made
     * by {@code missing} for those without a key.
     *
     * @throws SQLException when the changes or the keys cannot be read: nothing is kept from it
     */
    Map<String, String> pseudonyms(Connection connection, Collection<String> subjectIds, NewPseudonym missing)
            throws SQLException {
        return pseudonyms(connection, subjectIds, missing, changes.check(connection));
    }

    /**
     * As {@link #pseudonyms(Connection, Collection, NewPseudonym)}, without a check of its own: current as of the
     * last check of the view, which the caller ran before (a read's decision checks it, and the read's audit comes
     * after). A key destroyed after that check is seen by the next one.
     */
    Map<String, String> pseudonymsAsLastChecked(Connection connection, Collection<String> subjectIds,
                                                NewPseudonym missing) throws SQLException {
        return pseudonyms(connection, subjectIds, missing, changes.seen());
    }

    private Map<String, String> pseudonyms(Connection connection, Collection<String> subjectIds, NewPseudonym missing,
                                           long count) throws SQLException {
        Map<String, String> found = new HashMap<>();
        Set<String> unknown = new LinkedHashSet<>();
        synchronized (this) {
            for (String subjectId : subjectIds) {
                Kept k = kept.get(subjectId);
                if (k != null && changes.current(subjectId, k.readAt)) {
                    found.put(subjectId, k.pseudonym);
                } else {
                    unknown.add(subjectId);
                }
            }
        }
        if (unknown.isEmpty()) {
            return found;
        }
        // read after the check: a key destroyed since carries a higher count, and the next check drops it
        Map<String, String> read = new HashMap<>(keys.existingPseudonyms(connection, unknown));
        for (String subjectId : unknown) {
            if (!read.containsKey(subjectId)) {
                read.put(subjectId, missing.of(subjectId));
            }
        }
        synchronized (this) {
            read.forEach((subjectId, pseudonym) -> kept.put(subjectId, new Kept(count, pseudonym)));
        }
        found.putAll(read);
        return found;
    }

    /** How many subjects are kept now. */
    synchronized int size() {
        return kept.size();
    }
}
