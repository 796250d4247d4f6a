// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.SafeCause;
import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * A failure for a Custos message or log line, without any text a driver, a provider or application code wrote:
 * see {@link SafeCause}, which every message's cause parameter takes. Stateless.
 */
public final class SanitizedCause {

    private SanitizedCause() {
    }

    /**
     * For example {@code PersistenceException > PSQLException (SQLState 23514, vendor code 0, constraint
     * client_email_check)}; {@code "unknown"} for null.
     */
    public static SafeCause describe(Throwable failure) {
        return SafeCause.of(failure);
    }

    /** The SQLState of the first database error in the chain of {@code failure}, or null. */
    public static String sqlState(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
