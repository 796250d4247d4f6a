// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.request;

import dev.custos.core.Message;
import dev.custos.core.gdpr.Applicability;
import dev.custos.core.internal.json.JsonWriter;
import dev.custos.core.policy.Route;
import dev.custos.core.request.DataSubjectRequest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to an objection (GDPR Art. 21), attribute by attribute. Immutable and thread-safe.
 *
 * @param request the request after this run: COMPLETED unless a line needs a person's decision
 * @param lines   one line per personal-data attribute of the entities that hold data of the subject
 */
public record ObjectionReport(DataSubjectRequest request, List<Line> lines) {

    /**
     * @param entity        the entity name
     * @param attribute     the attribute
     * @param applicability APPLIES (direct marketing: processing stopped), CASE_BY_CASE (left for a person) or
     *                      DOES_NOT_APPLY
     * @param citation      the provision the answer rests on
     * @param detail        why, with a message id
     * @param route         for an objection that does not apply to data a rule's duty keeps: the route the pack
     *                      leaves to the subject to have it deleted (an erasure request, then
     *                      {@link RequestExecutor#startRoute}); empty otherwise
     */
    public record Line(String entity, String attribute, Applicability applicability, String citation,
                       Message detail, Optional<Route> route) {

        /** A line without a route. */
        public Line(String entity, String attribute, Applicability applicability, String citation, Message detail) {
            this(entity, attribute, applicability, citation, detail, Optional.empty());
        }

        public Line {
            Objects.requireNonNull(entity, "entity");
            Objects.requireNonNull(attribute, "attribute");
            Objects.requireNonNull(applicability, "applicability");
            Objects.requireNonNull(citation, "citation");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(route, "route");
        }
    }

    public ObjectionReport {
        Objects.requireNonNull(request, "request");
        lines = List.copyOf(lines);
    }

    /** The lines a person must decide on. */
    public List<Line> pending() {
        return lines.stream().filter(l -> l.applicability() == Applicability.CASE_BY_CASE).toList();
    }

    /** The report as the JSON answer to the requester: the request, and per attribute the answer and its citation. */
    public String toJson() {
        JsonWriter json = new JsonWriter().beginObject()
                .field("request", request.id())
                .field("type", request.type().name())
                .field("right", request.type().right().citation())
                .field("state", request.state().name())
                .name("attributes").beginArray();
        for (Line line : lines) {
            json.beginObject()
                    .field("entity", line.entity())
                    .field("attribute", line.attribute())
                    .field("applicability", line.applicability().name())
                    .field("citation", line.citation())
                    .field("messageId", line.detail().code())
                    .field("message", line.detail().text());
            line.route().ifPresent(route -> json.name("route").beginObject()
                    .field("text", route.text())
                    .field("citation", route.citationLine())
                    .field("hold", route.holdReason())
                    .endObject());
            json.endObject();
        }
        return json.endArray().endObject().toString();
    }
}
