// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.hibernate;

import dev.custos.jpa.internal.ReadScope;
import java.lang.ref.WeakReference;
import org.hibernate.event.spi.PostLoadEvent;

/**
 * One {@link ReadScope} per query result Hibernate loads. Hibernate hands every entity of one result to the
 * post-load listeners with the same {@link PostLoadEvent} instance, made for that result alone; the scope of the
 * current thread is therefore kept while the event is the same object and replaced when another comes. The one
 * other source of post-load events, a load by id (from the session or the second-level cache), reuses a
 * recycled event, so every load event ends the scope first ({@link #end}). The event is held weakly: a scope
 * never keeps a session's entities alive. Thread-safe: each thread has its own.
 */
final class ResultScopes {

    private static final class Current {
        final WeakReference<PostLoadEvent> event;
        final ReadScope scope = new ReadScope();

        Current(PostLoadEvent event) {
            this.event = new WeakReference<>(event);
        }
    }

    private final ThreadLocal<Current> current = new ThreadLocal<>();

    /** The scope of the result {@code event} belongs to. */
    ReadScope of(PostLoadEvent event) {
        Current now = current.get();
        if (now == null || now.event.get() != event) {
            now = new Current(event);
            current.set(now);
        }
        return now.scope;
    }

    /** Ends the current thread's scope: what comes next is another read. */
    void end() {
        current.remove();
    }
}
