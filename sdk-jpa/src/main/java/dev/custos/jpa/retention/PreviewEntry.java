// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.retention;

import dev.custos.core.Message;
import dev.custos.core.annotation.ErasureStrategy;
import dev.custos.core.retention.RetentionDecision;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the sweep would do with one row's attributes under one rule, and why: the answer of
 * {@link dev.custos.core.retention.RetentionEngine#decide}. Immutable.
 *
 * @param entity     the entity name
 * @param entityId   the row's id, as text
 * @param ruleId     the retention rule
 * @param attributes the attributes the rule covers (derived copies included)
 * @param strategy   how they would be erased
 * @param dueAt      when the retention ends or ended, if that can be known
 * @param status     {@code DUE} is erased by the next sweep; every other status is kept
 * @param detail     why, with a message id and the rule's citations
 */
public record PreviewEntry(String entity, String entityId, String ruleId, List<String> attributes,
                           ErasureStrategy strategy, Optional<Instant> dueAt, RetentionDecision.Status status,
                           Message detail) {

    public PreviewEntry {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(ruleId, "ruleId");
        attributes = List.copyOf(attributes);
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }
}
