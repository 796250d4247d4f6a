// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.consent.ConsentEvent;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Where the access guard reads a subject's consent events from (the ledger, on its own connection). */
@FunctionalInterface
public interface ConsentLookup {

    /**
     * The subject's events in ledger order.
     *
     * @throws Exception when the ledger cannot be read; the guard then refuses access
     */
    List<ConsentEvent> events(String subjectId) throws Exception;

    /**
     * The events of each of {@code subjectIds}, a subject without any absent: by default one {@link #events} each,
     * a store may answer for many subjects at once.
     *
     * @throws Exception when the ledger cannot be read
     */
    default Map<String, List<ConsentEvent>> eventsOf(Collection<String> subjectIds) throws Exception {
        Map<String, List<ConsentEvent>> events = new HashMap<>();
        for (String subjectId : subjectIds) {
            events.put(subjectId, events(subjectId));
        }
        return events;
    }
}
