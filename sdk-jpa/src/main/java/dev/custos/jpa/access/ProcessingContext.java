// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.access;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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
 * Scopes are bound to the thread that opened them and must be closed on it. A scope closed out of order (an outer
 * one before an inner one) ends at once but leaves the scope in effect as it is; closing that one then restores
 * the nearest enclosing scope still open, never a closed one. A scope opened with a purpose only
 * takes its caller from the unit's {@link CallerSource} (Jakarta Security under CDI).
 */
public final class ProcessingContext {

    private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();

    private ProcessingContext() {
    }

    /** Opens a scope with {@code purpose} for {@code caller}, a caller with no roles; close it when the work is done. */
    public static Scope open(String purpose, String caller) {
        return open(purpose, Caller.named(Objects.requireNonNull(caller, "caller"), Set.of()));
    }

    /** Opens a scope with {@code purpose} for {@code caller}; close it when the work is done. */
    public static Scope open(String purpose, Caller caller) {
        return push(Objects.requireNonNull(purpose, "purpose"), Objects.requireNonNull(caller, "caller"));
    }

    /**
     * Opens a scope with {@code purpose} that keeps the caller of the enclosing scope, or, outside any, the caller
     * the unit's {@link CallerSource} names.
     */
    public static Scope open(String purpose) {
        Scope outer = CURRENT.get();
        return push(Objects.requireNonNull(purpose, "purpose"), outer == null ? null : outer.caller);
    }

    private static Scope push(String purpose, Caller caller) {
        if (purpose.isBlank()) {
            throw new IllegalArgumentException("A processing purpose must not be blank");
        }
        Scope scope = new Scope(purpose, caller, CURRENT.get());
        CURRENT.set(scope);
        return scope;
    }

    /** The purpose in effect, if any. */
    public static Optional<String> purpose() {
        Scope scope = CURRENT.get();
        return scope == null ? Optional.empty() : Optional.of(scope.purpose);
    }

    /** The caller the innermost scope names; empty outside any scope, or when it takes the caller from the source. */
    public static Optional<Caller> scopeCaller() {
        Scope scope = CURRENT.get();
        return scope == null ? Optional.empty() : Optional.ofNullable(scope.caller);
    }

    /** An open scope; closing it restores the enclosing one. */
    public static final class Scope implements AutoCloseable {
        private final String purpose;
        private final Caller caller;
        private final Scope outer;
        private boolean closed;

        private Scope(String purpose, Caller caller, Scope outer) {
            this.purpose = purpose;
            this.caller = caller;
            this.outer = outer;
        }

        public String purpose() {
            return purpose;
        }

        /** The caller this scope names; empty when it takes the caller from the unit's source. */
        public Optional<Caller> caller() {
            return Optional.ofNullable(caller);
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (CURRENT.get() != this) {
                return; // closed out of order: the scope in effect stays, and skips this one when it closes
            }
            Scope open = outer;
            while (open != null && open.closed) {
                open = open.outer;
            }
            if (open == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(open);
            }
        }
    }
}
