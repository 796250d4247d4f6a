// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.retention;

import dev.custos.core.Message;
import dev.custos.core.annotation.ErasureStrategy;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the retention sweep would find in a database Custos was added to, before its first sweep: per entity and
 * rule, how many rows are due, kept, held, left for review, and undetermined because they have no clock value or
 * no consent record, each with what to do ({@link Line#advice()}). Built from the same decisions as
 * {@link RetentionSweeper#preview} (see {@link RetentionSweeper#adoptionReport}). Immutable.
 *
 * @param at    when it was made
 * @param lines one line per entity and rule that still holds data, in sweep order
 */
public record AdoptionReport(Instant at, List<Line> lines) {

    /**
     * @param entity     the entity name
     * @param ruleId     the retention rule
     * @param anchor     the clock attribute, empty for consent-bound rules
     * @param attributes the attributes the rule covers (derived copies included; {@code *} for the row)
     * @param strategies how the sweep erases them, one strategy per erasure scope of the rule (a row is erased whole)
     * @param due        rows the first sweep erases
     * @param kept       rows kept until their retention ends
     * @param held       rows kept by a legal hold
     * @param review     rows due under a rule that asks a person: listed for a decision, not erased
     * @param noClock    rows without a value in the anchor: undetermined, kept for ever
     * @param noConsent  rows of a consent-bound rule whose subject has no consent record: undetermined
     * @param advice     what to do, one message per count above zero
     */
    public record Line(String entity, String ruleId, String anchor, List<String> attributes,
                       List<ErasureStrategy> strategies, long due, long kept, long held, long review, long noClock,
                       long noConsent, List<Message> advice) {
        public Line {
            Objects.requireNonNull(entity, "entity");
            Objects.requireNonNull(ruleId, "ruleId");
            Objects.requireNonNull(anchor, "anchor");
            attributes = List.copyOf(attributes);
            strategies = List.copyOf(strategies);
            advice = List.copyOf(advice);
        }

        /** The rows that hold data under the rule. */
        public long total() {
            return due + kept + held + review + noClock + noConsent;
        }
    }

    public AdoptionReport {
        Objects.requireNonNull(at, "at");
        lines = List.copyOf(lines);
    }

    /** The rows the first sweep erases, over every entity. */
    public long due() {
        return lines.stream().mapToLong(Line::due).sum();
    }

    /** The undetermined rows (no clock value, no consent record), over every entity. */
    public long undetermined() {
        return lines.stream().mapToLong(l -> l.noClock() + l.noConsent()).sum();
    }
}
