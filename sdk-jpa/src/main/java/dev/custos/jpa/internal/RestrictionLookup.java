// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

/**
 * Where the access guard learns whether a subject's data is restricted to storage (GDPR Art. 18), from
 * {@code custos_restriction}, on a connection of its own.
 */
@FunctionalInterface
public interface RestrictionLookup {

    /**
     * Whether a restriction of the subject's data is in force.
     *
     * @throws Exception when it cannot be read; the guard then refuses access
     */
    boolean restricted(String subjectId) throws Exception;
}
