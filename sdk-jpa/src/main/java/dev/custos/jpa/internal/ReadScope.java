// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.consent.ConsentEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The restriction and consent state of the subjects whose rows one query result loads, so that the access guard
 * reads each subject's state once per result instead of once per row. A provider adapter opens one for each
 * result it is told of and drops it when the result's rows have been handed to the guard; loads it cannot tie to
 * one result look up every row.
 * <p>
 * The rows of a result were read by one statement before the guard sees the first of them, so looking a subject
 * up once for all its rows decides them as one read, at the time of the first. A scope is also read again when
 * Custos itself changed some subject's consent or restriction in this JVM since ({@link #subjectStateChanged},
 * called after the change committed). Not thread-safe: a persistence context is used by one thread at a time.
 */
public final class ReadScope {

    private static final AtomicLong CHANGES = new AtomicLong();
    /** Subjects kept at most: a larger result looks the others up row by row, so memory stays bounded. */
    private static final int MAX_SUBJECTS = 1_000;

    private long seen = CHANGES.get();
    private final Map<String, Boolean> restricted = new HashMap<>();
    private final Map<String, List<ConsentEvent>> events = new HashMap<>();

    /** Some subject's consent or restriction was changed through Custos: every open scope reads again. */
    public static void subjectStateChanged() {
        CHANGES.incrementAndGet();
    }

    boolean restricted(String subjectId, RestrictionLookup lookup) throws Exception {
        fresh();
        Boolean known = restricted.get(subjectId);
        if (known == null) {
            known = lookup.restricted(subjectId); // a failure is not kept: the next row asks again
            if (restricted.size() < MAX_SUBJECTS) {
                restricted.put(subjectId, known);
            }
        }
        return known;
    }

    List<ConsentEvent> events(String subjectId, ConsentLookup lookup) throws Exception {
        fresh();
        List<ConsentEvent> known = events.get(subjectId);
        if (known == null) {
            known = List.copyOf(lookup.events(subjectId));
            if (events.size() < MAX_SUBJECTS) {
                events.put(subjectId, known);
            }
        }
        return known;
    }

    private void fresh() {
        long now = CHANGES.get();
        if (now != seen) {
            restricted.clear();
            events.clear();
            seen = now;
        }
    }
}
