// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.request;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One erasure line kept for a person's decision, as Custos keeps it ({@link Decisions} lists and decides them): the value (or the row's
 * values under one rule) an erasure request left for review, or a row a sweep found due under a rule that asks a
 * person to decide; undecided, or decided (erase, or keep with a reason) by whom and when. Immutable.
 *
 * @param id         the line's id, for example {@code dec-3f2a...}
 * @param origin     whether a request or the sweep left it
 * @param originId   the request's id, or for the sweep the rule's id
 * @param entity     the entity name
 * @param entityId   the row's id, as text
 * @param attributes the attributes the decision covers, sorted (a request's line: one; a sweep's: the rule's)
 * @param ruleId     the retention rule of the attributes
 * @param citation   the provision that leaves the line to a person
 * @param subjectRef the row's data subject by pseudonym, if the row has one
 * @param openedAt   when the line was left for a decision
 * @param outcome    the decision, empty while undecided
 * @param reason     why, as the person gave it (a keep decision always has one)
 * @param decidedBy  who decided
 * @param decidedAt  when
 */
public record Decision(String id, Origin origin, String originId, String entity, String entityId,
                       List<String> attributes, String ruleId, String citation, Optional<String> subjectRef,
                       Instant openedAt, Optional<Outcome> outcome, Optional<String> reason,
                       Optional<String> decidedBy, Optional<Instant> decidedAt) {

    /** What left the line for a decision. */
    public enum Origin {
        /** An erasure request or a consent withdrawal (GDPR Art. 17(1), case by case). */
        REQUEST,
        /** The retention sweep, under a rule whose due rows a person reviews. */
        SWEEP
    }

    /** What a person decided. */
    public enum Outcome {
        /** Erase the line now, by the attribute's erasure strategy. */
        ERASE,
        /** Keep the line, for the reason given. */
        KEEP
    }

    public Decision {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(originId, "originId");
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(entityId, "entityId");
        attributes = List.copyOf(new TreeSet<>(attributes));
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(citation, "citation");
        Objects.requireNonNull(subjectRef, "subjectRef");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(decidedBy, "decidedBy");
        Objects.requireNonNull(decidedAt, "decidedAt");
    }

    /** A line left for a decision now, undecided. */
    public static Decision open(Origin origin, String originId, String entity, String entityId,
                                List<String> attributes, String ruleId, String citation,
                                Optional<String> subjectRef, Instant openedAt) {
        return new Decision("dec-" + java.util.UUID.randomUUID(), origin, originId, entity, entityId, attributes,
                ruleId, citation, subjectRef, openedAt, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** Whether the line still waits for a decision. */
    public boolean pending() {
        return outcome.isEmpty();
    }

    /** The line's key within its origin: entity, id and attributes. */
    public String lineKey() {
        return key(entity, entityId, attributes);
    }

    /** The key {@link #lineKey()} gives a line of {@code entity} row {@code entityId} over {@code attributes}. */
    public static String key(String entity, String entityId, List<String> attributes) {
        return entity + "#" + entityId + "." + String.join(",", new TreeSet<>(attributes));
    }
}
