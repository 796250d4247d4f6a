// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.audit.AuditAction;
import dev.custos.core.audit.AuditEvent;
import dev.custos.core.audit.AuditOutcome;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.request.Decision;
import java.time.Instant;

/**
 * The audit record of a person's decision on an erasure line ({@code ERASURE_DECIDED}), the same for lines of
 * requests and of sweeps: who decided, on which row and attributes, erase or keep, and the reason given.
 */
public final class DecisionAudit {

    private DecisionAudit() {
    }

    /** The record, with the row's id as the entity's audit id and the line's citation as the basis. */
    public static AuditEvent event(CustosRuntime runtime, Decision line, Decision.Outcome outcome, String reason,
                                   String decidedBy, String purpose, Instant at) {
        String ref = line.subjectRef().orElse("");
        String entityId = runtime.model().entity(line.entity()).flatMap(m -> runtime.mapping(m.type()))
                .map(m -> m.auditId(line.entityId(), ref)).orElse(line.entityId());
        String origin = line.origin() == Decision.Origin.REQUEST ? "request " + line.originId()
                : "sweep rule " + line.ruleId();
        return new AuditEvent(at, decidedBy, ref, AuditAction.ERASURE_DECIDED, line.entity(), entityId,
                line.attributes(), purpose, "", AuditOutcome.DONE, line.id() + " (" + origin + "): "
                + outcome.name() + (reason.isEmpty() ? "" : ": " + reason));
    }
}
