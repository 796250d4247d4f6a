// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.hibernate;

import dev.custos.jpa.internal.ReadScope;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.hibernate.action.spi.AfterTransactionCompletionProcess;
import org.hibernate.event.spi.EventSource;

/**
 * One {@link ReadScope} per session and transaction: created at the first load in a transaction and dropped
 * when the transaction completes, committed or rolled back. A session that is not in a transaction gets none.
 * Sessions are held weakly, so one closed without ending its transaction is not kept. Thread-safe.
 */
final class ReadScopes {

    private final Map<EventSource, ReadScope> open = Collections.synchronizedMap(new WeakHashMap<>());

    /** The session's scope for its current transaction, or null outside a transaction. */
    ReadScope of(EventSource session) {
        if (!session.isTransactionInProgress()) {
            return null;
        }
        ReadScope scope = open.get(session);
        if (scope == null) {
            scope = new ReadScope();
            open.put(session, scope);
            session.getActionQueue().registerProcess((AfterTransactionCompletionProcess)
                    (success, ended) -> open.remove(session));
        }
        return scope;
    }
}
