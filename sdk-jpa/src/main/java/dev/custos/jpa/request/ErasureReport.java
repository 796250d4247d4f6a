// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.request;

import dev.custos.core.Message;
import dev.custos.core.internal.json.JsonWriter;
import dev.custos.core.policy.Route;
import dev.custos.core.request.DataSubjectRequest;
import java.time.Instant;
import java.util.List;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.Optional;

/**
 * The answer to an erasure request, attribute by attribute: what was erased, what is kept with the rule and
 * citation that require keeping it, and what a person must decide. A value a rule's duty to keep refused carries
 * the rule's key citations (the pack's {@code <refusal>}) and, where the pack names one, the route left to the
 * subject; the notes then say how to start it. Immutable and thread-safe.
 *
 * @param request the request after this run: COMPLETED when nothing is left for review, IN_PROGRESS otherwise
 * @param lines   one line per attribute value of the subject, entity by entity, row by row
 * @param summary whether the erasure is answered or what is pending, with a message id
 * @param notes   what else the run did or did not do: rows kept instead of deleted, the subject's key destroyed
 *                or kept and why
 * @param withdrawnPurposes for a consent withdrawal, the purposes whose consent it withdrew, sorted (all those ever
 *                given when the request named none); empty for an erasure
 */
public record ErasureReport(DataSubjectRequest request, List<Line> lines, Message summary, List<Message> notes,
                            Set<String> withdrawnPurposes) {

    /** What happened to one attribute value. */
    public enum Outcome {
        /** The value was erased now. */
        ERASED,
        /** The value is kept: a duty to keep or a legal hold applies (the citation names it). */
        KEPT,
        /** A person must decide whether the right applies; the value is kept until then. */
        REVIEW
    }

    /**
     * @param entity    the entity name
     * @param entityId  the row's id, as text
     * @param attribute the attribute
     * @param outcome   erased, kept or review
     * @param rule      the retention rule of the attribute in the active pack
     * @param citation  the provision the answer rests on
     * @param exemption the GDPR Art. 17(3) exemption, for example {@code GDPR Art. 17(3)(b)}, when one applies
     * @param keepUntil when the duty to keep ends, if known
     * @param detail    why, with a message id
     * @param route     for a value a rule's duty to keep refused: what the subject can still do to have it
     *                  erased (see {@link RequestExecutor#startRoute}); empty otherwise, and when the rule has none
     */
    public record Line(String entity, String entityId, String attribute, Outcome outcome, String rule,
                       String citation, Optional<String> exemption, Optional<Instant> keepUntil, Message detail,
                       Optional<Route> route) {

        /** A line without a route. */
        public Line(String entity, String entityId, String attribute, Outcome outcome, String rule,
                    String citation, Optional<String> exemption, Optional<Instant> keepUntil, Message detail) {
            this(entity, entityId, attribute, outcome, rule, citation, exemption, keepUntil, detail,
                    Optional.empty());
        }

        public Line {
            Objects.requireNonNull(entity, "entity");
            Objects.requireNonNull(entityId, "entityId");
            Objects.requireNonNull(attribute, "attribute");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(citation, "citation");
            Objects.requireNonNull(exemption, "exemption");
            Objects.requireNonNull(keepUntil, "keepUntil");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(route, "route");
        }
    }

    public ErasureReport {
        Objects.requireNonNull(request, "request");
        lines = List.copyOf(lines);
        Objects.requireNonNull(summary, "summary");
        notes = List.copyOf(notes);
        withdrawnPurposes = Collections.unmodifiableSortedSet(new TreeSet<>(withdrawnPurposes));
    }

    /** The report of an erasure, which withdraws no consent. */
    public ErasureReport(DataSubjectRequest request, List<Line> lines, Message summary, List<Message> notes) {
        this(request, lines, summary, notes, Set.of());
    }

    /** A report without notes. */
    public ErasureReport(DataSubjectRequest request, List<Line> lines, Message summary) {
        this(request, lines, summary, List.of());
    }

    /** The lines with {@code outcome}. */
    public List<Line> lines(Outcome outcome) {
        return lines.stream().filter(l -> l.outcome() == outcome).toList();
    }

    /** Whether the request is answered, that is no line is left for review. */
    public boolean answered() {
        return lines.stream().noneMatch(l -> l.outcome() == Outcome.REVIEW);
    }

    /** The report as JSON, to send to the data subject and to keep with the request. */
    public String toJson() {
        JsonWriter json = new JsonWriter().beginObject()
                .field("request", request.id())
                .field("type", request.type().name())
                .field("right", request.type().right().citation())
                .field("state", request.state().name())
                .field("summary", summary.toString())
                .name("attributes").beginArray();
        for (Line line : lines) {
            json.beginObject()
                    .field("entity", line.entity())
                    .field("id", line.entityId())
                    .field("attribute", line.attribute())
                    .field("outcome", line.outcome().name())
                    .field("rule", line.rule())
                    .field("citation", line.citation())
                    .field("exemption", line.exemption().orElse(null))
                    .field("keepUntil", line.keepUntil().map(Instant::toString).orElse(null))
                    .field("messageId", line.detail().code())
                    .field("message", line.detail().text());
            line.route().ifPresent(route -> json.name("route").beginObject()
                    .field("text", route.text())
                    .field("citation", route.citationLine())
                    .field("hold", route.holdReason())
                    .endObject());
            json.endObject();
        }
        json.endArray().name("notes").beginArray();
        for (Message note : notes) {
            json.beginObject().field("messageId", note.code()).field("message", note.text()).endObject();
        }
        return json.endArray().endObject().toString();
    }
}
