// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.hibernate;

import dev.custos.jpa.internal.ReadScope;
import java.lang.ref.WeakReference;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.hibernate.event.spi.PostLoadEvent;

/**
 * One {@link ReadScope} per query result Hibernate loads. Hibernate hands every entity of one result to the
 * post-load listeners with the same {@link PostLoadEvent} instance, made for that result alone; the scope of the
 * current thread is therefore kept while the event is the same object and replaced when another comes. The one
 * other source of post-load events, a load by id (from the session or the second-level cache), reuses a
 * recycled event, so every load event ends the scope first ({@link #end}). The event is held weakly: a scope
 * never keeps a session's entities alive beyond the result's last post-load event. Thread-safe: each thread has
 * its own.
 */
final class ResultScopes {

    /** The scope of one result, and the rows decided ahead at its first post-load event. */
    static final class Result {
        private final WeakReference<PostLoadEvent> event;
        private final ReadScope scope = new ReadScope();
        private final Set<Object> decided = Collections.newSetFromMap(new IdentityHashMap<>());
        private boolean first = true;

        private Result(PostLoadEvent event) {
            this.event = new WeakReference<>(event);
        }

        ReadScope scope() {
            return scope;
        }

        /** True once, for the result's first post-load event. */
        boolean first() {
            boolean was = first;
            first = false;
            return was;
        }

        /** Records that {@code entities} were decided ahead, with the result's first row. */
        void decided(Collection<?> entities) {
            decided.addAll(entities);
        }

        /**
         * Whether {@code entity} was decided ahead; each entity's own event is the last use of it here, so it is
         * forgotten then, and the set is empty after the result's last event.
         */
        boolean takeDecided(Object entity) {
            return decided.remove(entity);
        }
    }

    private final ThreadLocal<Result> current = new ThreadLocal<>();

    /** The result {@code event} belongs to. */
    Result of(PostLoadEvent event) {
        Result now = current.get();
        if (now == null || now.event.get() != event) {
            now = new Result(event);
            current.set(now);
        }
        return now;
    }

    /** Ends the current thread's scope: what comes next is another read. */
    void end() {
        current.remove();
    }
}
