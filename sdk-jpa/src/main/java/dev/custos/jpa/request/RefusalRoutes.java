// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.request;

import dev.custos.core.CustosException;
import dev.custos.core.Message;
import dev.custos.core.gdpr.Applicability;
import dev.custos.core.gdpr.RightAssessment;
import dev.custos.core.metadata.PersonalDataAttribute;
import dev.custos.core.policy.Route;
import dev.custos.core.request.DataSubjectRequest;
import dev.custos.core.request.RequestState;
import dev.custos.core.request.RequestType;
import dev.custos.core.retention.LegalHold;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.EntityMapping;
import dev.custos.jpa.internal.HoldAudit;
import dev.custos.jpa.internal.SubjectTraces;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The routes a pack leaves to a subject whose request a rule's duty to keep refused (the rule's
 * {@code <refusal><route>}): the notes that name them in a report, and starting one, which places the pack's hold
 * on the value's row with its audit record, so that the data is kept while the route runs. Not thread-safe; one
 * instance per call.
 */
final class RefusalRoutes {

    private final CustosRuntime runtime;
    private final SubjectRows rows;

    RefusalRoutes(CustosRuntime runtime, SubjectRows rows) {
        this.runtime = runtime;
        this.rows = rows;
    }

    /** {@code notes} and, per rule whose route the lines name, how the subject can still have the values erased. */
    static List<Message> notes(List<Message> notes, List<ErasureReport.Line> lines) {
        Map<String, List<ErasureReport.Line>> byRule = lines.stream().filter(l -> l.route().isPresent())
                .collect(Collectors.groupingBy(ErasureReport.Line::rule, LinkedHashMap::new, Collectors.toList()));
        List<Message> all = new ArrayList<>(notes);
        byRule.forEach((rule, routed) -> {
            Route route = routed.get(0).route().orElseThrow();
            all.add(RequestExecutionMessages.routeOpen(rule, Integer.toString(routed.size()), route.text(),
                    route.citationLine(), route.holdReason()));
        });
        return all;
    }

    /** For an objection line: data a duty keeps cannot be stopped by it, but the pack may leave a route to deletion. */
    static Optional<Route> forObjection(PersonalDataAttribute attribute, RightAssessment right) {
        return right.applicability() == Applicability.DOES_NOT_APPLY && attribute.rule().dutyToKeep()
                ? attribute.rule().route() : Optional.empty();
    }

    /** See {@link RequestExecutor#startRoute}; in {@code work}. */
    LegalHold start(UnitOfWork work, DataSubjectRequest request, String entity, String entityId, String attribute,
                    String startedBy, String note) {
        String requestId = request.id();
        if ((request.type() != RequestType.ERASURE && request.type() != RequestType.CONSENT_WITHDRAWAL)
                || (request.state() != RequestState.IN_PROGRESS && request.state() != RequestState.COMPLETED)) {
            throw new CustosException(RequestExecutionMessages.routeWrongRequest(requestId, request.type().name(),
                    request.state().name()));
        }
        EntityMapping mapping = runtime.model().entity(entity).flatMap(m -> runtime.mapping(m.type()))
                .filter(m -> m.model().attribute(attribute).isPresent())
                .orElseThrow(() -> new CustosException(RequestExecutionMessages.routeUnknownValue(requestId, entity,
                        attribute)));
        PersonalDataAttribute value = mapping.model().attribute(attribute).orElseThrow();
        Route route = value.rule().route().orElseThrow(() -> new CustosException(RequestExecutionMessages.noRoute(
                requestId, entity, attribute, value.rule().id(), runtime.pack().id())));
        Object id = SubjectTraces.convert(entityId, rows.idType(mapping)).orElse(null);
        if (id == null || !rows.ownedBy(work.em(), mapping, id, request.subjectId())) {
            throw new CustosException(RequestExecutionMessages.routeRowNotOfSubject(requestId, entity));
        }
        LegalHold hold = new LegalHold(UUID.randomUUID().toString(), route.holdReason(),
                runtime.clock().instant(), Optional.empty(), startedBy, note);
        new HoldAudit(runtime).place(work.connection(), request.subjectId(), Optional.of(mapping.entityName()),
                Optional.of(String.valueOf(id)), hold, RequestExecutor.PURPOSE, "route of rule " + value.rule().id()
                        + " for " + attribute + ", request " + requestId);
        return hold;
    }
}
