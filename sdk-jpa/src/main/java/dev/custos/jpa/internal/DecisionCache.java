// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.consent.ConsentEvent;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The restriction and consent events of the subjects this node read lately, kept between reads and checked by
 * every read with one query of {@code custos_subject_change} (schema version 12; concurrent readers share one that
 * started after they asked, {@link SubjectChangeView#checkShared}) before any of it is used: a
 * change committed by any node before the read began is seen by it. Only the subjects of buckets changed since
 * are read again. Consent events are kept, not decisions, so an expiry is decided at the time of each read.
 * <p>
 * A look-up that fails throws, so the guard refuses (fail closed); nothing is kept from it. At most
 * {@code capacity} subjects are kept, the least recently used dropped first. Thread-safe.
 */
public final class DecisionCache implements RestrictionLookup, ConsentLookup {

    /** Subjects kept by default: each costs a few hundred bytes plus its consent events. */
    public static final int CAPACITY = 50_000;

    private final DataSource dataSource;
    private final RestrictionLookup restrictions;
    private final ConsentLookup consents;
    private final SubjectChangeView changes = new SubjectChangeView();
    private final Map<String, State> states;

    /**
     * @param restrictions where restrictions are read when a subject is not kept or changed
     * @param consents     where consent events are read then
     */
    public DecisionCache(DataSource dataSource, RestrictionLookup restrictions, ConsentLookup consents,
                         int capacity) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.restrictions = Objects.requireNonNull(restrictions, "restrictions");
        this.consents = Objects.requireNonNull(consents, "consents");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.states = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, State> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * A subject's state as read at count {@code readAt}: whether restricted, and its events, or null when they
     * were not read.
     */
    record State(long readAt, boolean restricted, List<ConsentEvent> events) {
    }

    /**
     * The state of each of {@code subjectIds}, checked against the database now; with {@code withEvents} their
     * consent events too.
     *
     * @throws Exception when the changes or a state cannot be read: nothing is kept then
     */
    Map<String, State> statesOf(Collection<String> subjectIds, boolean withEvents) throws Exception {
        long count = validate();
        Map<String, State> found = new HashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        synchronized (this) {
            for (String subjectId : subjectIds) {
                State state = states.get(subjectId);
                if (state != null && changes.current(subjectId, state.readAt)
                        && (!withEvents || state.events != null)) {
                    found.put(subjectId, state);
                } else {
                    missing.add(subjectId);
                }
            }
        }
        if (missing.isEmpty()) {
            return found;
        }
        // read after the count: a change committed since carries a higher one, and the next read reads it again
        Set<String> restricted = restrictions.restrictedAmong(missing);
        Map<String, List<ConsentEvent>> events = withEvents ? consents.eventsOf(missing) : Map.of();
        synchronized (this) {
            for (String subjectId : missing) {
                State state = new State(count, restricted.contains(subjectId),
                        withEvents ? List.copyOf(events.getOrDefault(subjectId, List.of())) : null);
                states.put(subjectId, state);
                found.put(subjectId, state);
            }
        }
        return found;
    }

    @Override
    public boolean restricted(String subjectId) throws Exception {
        return statesOf(List.of(subjectId), false).get(subjectId).restricted();
    }

    @Override
    public Set<String> restrictedAmong(Collection<String> subjectIds) throws Exception {
        return statesOf(subjectIds, false).entrySet().stream().filter(e -> e.getValue().restricted())
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    @Override
    public List<ConsentEvent> events(String subjectId) throws Exception {
        return statesOf(List.of(subjectId), true).get(subjectId).events();
    }

    @Override
    public Map<String, List<ConsentEvent>> eventsOf(Collection<String> subjectIds) throws Exception {
        Map<String, List<ConsentEvent>> events = new HashMap<>();
        statesOf(subjectIds, true).forEach((subjectId, state) -> events.put(subjectId, state.events()));
        return events;
    }

    /** What this cache has seen of {@code custos_subject_change}: every read checks it before deciding. */
    SubjectChangeView changes() {
        return changes;
    }

    /** How many subjects are kept now. */
    synchronized int size() {
        return states.size();
    }

    /**
     * Checks {@code custos_subject_change} on a connection of its own, the check shared with concurrent readers:
     * the count this read stamps what it reads.
     */
    private long validate() throws SQLException {
        return changes.checkShared(dataSource);
    }
}
