// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One erasure, as {@link ErasureLog} records it: which attributes of which entity were erased, how, under
 * which rule, and when. Immutable and thread-safe.
 *
 * @param runId      the sweep run or request execution that erased it
 * @param entityName the entity, for example {@code JournalEntry}
 * @param entityId   the entity's id, as text
 * @param attributes the attributes erased, stored sorted and without duplicates; {@code ["*"]} for the row
 * @param strategy   how, for example {@code NULLIFY}, {@code ANONYMIZE} or {@code DELETE}
 * @param ruleId     the retention rule or request that required it
 * @param dueAt      when it was due
 * @param erasedAt   when it was done
 * @param subjectRef the subject's pseudonym, if the entity belongs to one
 */
public record ErasureEntry(String runId, String entityName, String entityId, List<String> attributes,
                           String strategy, String ruleId, Instant dueAt, Instant erasedAt,
                           Optional<String> subjectRef) {

    public ErasureEntry {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(entityName, "entityName");
        Objects.requireNonNull(entityId, "entityId");
        attributes = List.copyOf(new TreeSet<>(attributes));
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(erasedAt, "erasedAt");
        Objects.requireNonNull(subjectRef, "subjectRef");
    }
}
