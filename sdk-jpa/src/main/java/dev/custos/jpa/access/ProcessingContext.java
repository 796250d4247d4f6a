// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.access;

import java.util.Objects;
import java.util.Optional;

/**
 * The purpose and the caller of the work running on this thread. Reads of consent-based data are
 * permitted only under a purpose the subject consented to; every audit record names the caller.
 * <p>
 * Scopes nest: an inner scope replaces the purpose and caller until it is closed, then the outer one
 * applies again. In Jakarta EE the {@code @ProcessingPurpose} interceptor opens scopes for you; in Java SE
 * open them yourself:
 * <pre>{@code
 * try (ProcessingContext.Scope scope = ProcessingContext.open("treatment", "dr.hansen")) {
 *     em.find(JournalEntry.class, id);
 * }
 * }</pre>
 * Scopes are bound to the thread that opened them and must be closed on it.
 */
public final class ProcessingContext {

    private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();

    private ProcessingContext() {
    }

    /** Opens a scope with {@code purpose} for {@code caller}; close it when the work is done. */
    public static Scope open(String purpose, String caller) {
        Scope scope = new Scope(Objects.requireNonNull(purpose, "purpose"), Objects.requireNonNull(caller, "caller"),
                CURRENT.get());
        CURRENT.set(scope);
        return scope;
    }

    /** The purpose in effect, if any. */
    public static Optional<String> purpose() {
        Scope scope = CURRENT.get();
        return scope == null ? Optional.empty() : Optional.of(scope.purpose);
    }

    /** The caller in effect; {@code "unknown"} outside any scope, so audit records never go without one. */
    public static String caller() {
        Scope scope = CURRENT.get();
        return scope == null ? "unknown" : scope.caller;
    }

    /** An open scope; closing it restores the enclosing one. */
    public static final class Scope implements AutoCloseable {
        private final String purpose;
        private final String caller;
        private final Scope outer;
        private boolean closed;

        private Scope(String purpose, String caller, Scope outer) {
            this.purpose = purpose;
            this.caller = caller;
            this.outer = outer;
        }

        public String purpose() {
            return purpose;
        }

        public String caller() {
            return caller;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }
}
