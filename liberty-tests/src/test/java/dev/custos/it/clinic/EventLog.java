// SPDX-License-Identifier: Apache-2.0
package dev.custos.it.clinic;

import dev.custos.cdi.event.ConsentGiven;
import dev.custos.cdi.event.ConsentWithdrawn;
import dev.custos.cdi.event.DataErased;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** Collects the events Custos fires, as an application observing them would. */
// snippet:events
@ApplicationScoped
public class EventLog {

    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

    void given(@Observes ConsentGiven event) {
        events.add(event);
    }

    void withdrawn(@Observes ConsentWithdrawn event) {
        events.add(event);
    }

    void erased(@Observes DataErased event) {
        events.add(event);
    }

    public BlockingQueue<Object> events() {
        return events;
    }
}
// end-snippet
