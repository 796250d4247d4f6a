// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.consent.ConsentEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The restriction and consent state of the subjects one reading transaction has looked up, so that the access
 * guard reads each subject's state once per transaction instead of once per loaded row. A provider adapter
 * keeps one per transaction of a persistence context and drops it when the transaction ends; reads outside a
 * transaction get none and look up every row.
 * <p>
 * Within the transaction the state is as of its first look-up, unless Custos itself changed some subject's
 * consent or restriction in this JVM since ({@link #subjectStateChanged}, called after the change committed):
 * then the whole scope is read again, so a withdrawal through {@code ConsentRegistry} or {@code RequestExecutor}
 * takes effect for every read that begins after it returned. A change made on another node, or with
 * {@code ConsentRegistry.record} in a transaction that commits later, takes effect for reading transactions that
 * begin after it committed. Not thread-safe: a persistence context is used by one thread at a time.
 */
public final class ReadScope {

    private static final AtomicLong CHANGES = new AtomicLong();

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
            restricted.put(subjectId, known);
        }
        return known;
    }

    List<ConsentEvent> events(String subjectId, ConsentLookup lookup) throws Exception {
        fresh();
        List<ConsentEvent> known = events.get(subjectId);
        if (known == null) {
            known = List.copyOf(lookup.events(subjectId));
            events.put(subjectId, known);
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
