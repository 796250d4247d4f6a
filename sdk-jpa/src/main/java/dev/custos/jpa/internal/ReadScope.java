// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.consent.ConsentDecision;
import dev.custos.core.consent.ConsentEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * called after the change committed).
 * <p>
 * A scope whose adapter knows when the result is handed out ({@link #collectAudits}) also keeps the result's read
 * audits, for {@link AccessGuard#appendCollected} to append together before the caller sees any of its rows.
 * Not thread-safe: a persistence context is used by one thread at a time.
 */
public final class ReadScope {

    private static final AtomicLong CHANGES = new AtomicLong();
    /**
     * Subjects kept at most, a few hundred bytes each: a result with more looks the others up row by row, so memory
     * stays bounded whatever the result's size.
     */
    private static final int MAX_SUBJECTS = 10_000;

    private long seen = CHANGES.get();
    private final Map<String, Boolean> restricted = new HashMap<>();
    private final Map<String, List<ConsentEvent>> events = new HashMap<>();
    /** Consent decided per subject and purpose, for the subject's other rows: keyed subject, NUL, purpose. */
    private final Map<String, ConsentDecision> decisions = new HashMap<>();
    /** The read audits kept for the end of the result, or null while they are written at once. */
    private List<PendingAudit> audits;

    /** Some subject's consent or restriction was changed through Custos: every open scope reads again. */
    public static void subjectStateChanged() {
        CHANGES.incrementAndGet();
    }

    /**
     * From now on keeps the read audits of this scope instead of writing them at once. The adapter must then have
     * {@link AccessGuard#appendCollected} called before any row the scope decided reaches the caller.
     */
    public void collectAudits() {
        if (audits == null) {
            audits = new ArrayList<>();
        }
    }

    /** Keeps {@code audit} if this scope collects, and says whether it did. */
    boolean collect(PendingAudit audit) {
        if (audits == null) {
            return false;
        }
        audits.add(audit);
        return true;
    }

    /** The audits kept so far, which the scope no longer holds; from now on audits are written at once. */
    List<PendingAudit> drainAudits() {
        List<PendingAudit> drained = audits == null ? List.of() : audits;
        audits = null;
        return drained;
    }

    /**
     * Reads the restriction, and with {@code consents} the consent events, of those of {@code subjectIds} not
     * known yet, at once (up to the scope's bound), checked against the database by one query: for the rows of a
     * result about to be decided together.
     *
     * @throws Exception when they cannot be read; nothing is kept then, and each row looks up on its own
     */
    void prefetch(Collection<String> subjectIds, DecisionCache decisions, boolean consents) throws Exception {
        fresh();
        List<String> unknown = subjectIds.stream().filter(Objects::nonNull).distinct()
                .filter(id -> !restricted.containsKey(id) || consents && !events.containsKey(id))
                .limit(Math.max(0, MAX_SUBJECTS - restricted.size())).toList();
        if (unknown.isEmpty()) {
            return;
        }
        decisions.statesOf(unknown, consents).forEach((subjectId, state) -> {
            restricted.put(subjectId, state.restricted());
            if (consents) {
                events.put(subjectId, state.events());
            }
        });
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

    /** The consent decided for an earlier row of the subject under {@code purpose}, or null. */
    ConsentDecision decision(String subjectId, String purpose) {
        fresh();
        return decisions.get(subjectId + '\u0000' + purpose);
    }

    /** Keeps {@code decision} for the subject's other rows (up to the scope's bound). */
    void decided(String subjectId, String purpose, ConsentDecision decision) {
        if (decisions.size() < MAX_SUBJECTS) {
            decisions.put(subjectId + '\u0000' + purpose, decision);
        }
    }

    private void fresh() {
        long now = CHANGES.get();
        if (now != seen) {
            restricted.clear();
            events.clear();
            decisions.clear();
            seen = now;
        }
    }
}
