// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

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

    /**
     * Those of {@code subjectIds} whose data is restricted: by default one {@link #restricted} each, a store may
     * answer for many subjects at once.
     *
     * @throws Exception when they cannot be read
     */
    default Set<String> restrictedAmong(Collection<String> subjectIds) throws Exception {
        Set<String> restricted = new HashSet<>();
        for (String subjectId : subjectIds) {
            if (restricted(subjectId)) {
                restricted.add(subjectId);
            }
        }
        return restricted;
    }
}
