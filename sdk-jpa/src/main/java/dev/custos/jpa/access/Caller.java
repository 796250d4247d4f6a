// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.access;

import java.util.Objects;
import java.util.Set;

/**
 * Who is doing the work: the name every audit record carries, and the roles access policies ask about.
 * Roles are asked one at a time because Jakarta Security can answer "is the caller in role X" but cannot
 * list a caller's roles.
 */
public interface Caller {

    /**
     * The caller of work that runs outside any processing scope that names a caller and outside any security
     * context (a batch job with no identity, a write from plain Java SE code): audit records name it
     * {@code unauthenticated}.
     */
    Caller UNAUTHENTICATED = named("unauthenticated", Set.of());

    /**
     * The same caller as {@link #UNAUTHENTICATED}, which audit records have named {@code unauthenticated} instead of
     * {@code unknown} since issue 18; kept so that code comparing with it still works.
     *
     * @deprecated use {@link #UNAUTHENTICATED}
     */
    @Deprecated(since = "issue 18")
    Caller UNKNOWN = UNAUTHENTICATED;

    /** The name audit records and erasure decisions give the retention sweep, which runs for nobody. */
    String SWEEPER = "system:sweeper";

    /** The caller's name as audit records show it; never empty. */
    String name();

    /** Whether the caller is in {@code role}. */
    boolean inRole(String role);

    /**
     * Whether this is Custos itself doing the controller's work (executing a data-subject request, sweeping).
     * Access policies do not judge such callers: who may start that work is checked where it starts.
     */
    default boolean system() {
        return false;
    }

    /** Custos itself, under {@code name}, for work the controller must do whoever the data belongs to. */
    static Caller system(String name) {
        Caller named = named(name, Set.of());
        return new Caller() {
            @Override
            public String name() {
                return named.name();
            }

            @Override
            public boolean inRole(String role) {
                return false;
            }

            @Override
            public boolean system() {
                return true;
            }

            @Override
            public String toString() {
                return name + "(system)";
            }
        };
    }

    /** A caller with a fixed name and roles, for Java SE code, jobs and tests. */
    static Caller named(String name, Set<String> roles) {
        Set<String> copy = Set.copyOf(roles);
        return of(name, copy::contains);
    }

    /** A caller named {@code name} whose roles {@code inRole} answers (a security context, a directory). */
    static Caller of(String name, java.util.function.Predicate<String> inRole) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(inRole, "inRole");
        if (name.isBlank()) {
            throw new IllegalArgumentException("A caller's name must not be blank");
        }
        return new Caller() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean inRole(String role) {
                return inRole.test(role);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
