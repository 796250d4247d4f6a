// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.Message;
import dev.custos.core.audit.AuditAction;
import dev.custos.core.audit.AuditOutcome;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.EntityMapping;
import dev.custos.jpa.access.AccessRefusedException;
import dev.custos.jpa.access.ProcessingContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/** The access guard's audit records, and its refusals, audited and logged. Thread-safe. */
final class AccessAudit {

    private static final System.Logger REFUSALS = System.getLogger("dev.custos.jpa.access.refusals");

    private final System.Logger.Level refusalLog;
    private final CustosRuntime runtime;
    private final AuditWriter audit;
    /** The legal basis each entity type's audited attribute lists name, worked out once, not for every row. */
    private final Map<Fields, String> bases = new ConcurrentHashMap<>();

    private record Fields(Class<?> type, List<String> names) {
    }

    /** What the reads one record lists share ({@link PendingAudit#sameRecord}): all but the time and the row. */
    private record SameRecord(String caller, String subjectId, AuditAction action, String entity, List<String> fields,
                              String purpose, String basis, AuditOutcome outcome, String detail) {
    }

    AccessAudit(CustosRuntime runtime, AuditWriter audit, System.Logger.Level refusalLog) {
        this.refusalLog = refusalLog;
        this.runtime = runtime;
        this.audit = audit;
    }

    /** See {@link AccessGuard#appendCollected}. */
    void appendCollected(ReadScope scope) {
        List<PendingAudit> audits = scope.drainAudits();
        if (!audits.isEmpty()) {
            audit.writeAll(audits);
        }
    }

    /**
     * The refusal to throw, audited; a refusal that cannot be audited still stands, and says so. The refusal ends
     * the result, whose rows decided before it may already be in the persistence context: their audits, if
     * {@code scope} collected them, are appended with the refusal's.
     * <p>
     * {@code summary} gets the row's name as the audit record has it ({@link EntityMapping#auditId}): its id, or
     * the subject's pseudonym where the id is the subject's own, so that the message, which applications show
     * and log, never carries a subject's id, and an auditor finds the refusal in the trail by that name.
     */
    AccessRefusedException refuse(Function<String, Message> summary, AuditAction action,
                                  EntityMapping mapping, String subjectId, String entityId,
                                  List<String> attributes, List<Message> reasons, ReadScope scope) {
        String[] audited = new String[1];
        RuntimeException failure = null;
        try {
            audit(action, AuditOutcome.DENIED, mapping, subjectId, entityId, attributes, reasons.get(0).code(), scope,
                    ref -> audited[0] = mapping.auditId(entityId, ref));
            if (scope != null) {
                appendCollected(scope);
            }
        } catch (RuntimeException auditFailure) {
            failure = auditFailure;
        }
        String row = audited[0] != null ? audited[0]
                : mapping.auditId(entityId, "(pseudonym unknown: the refusal could not be audited)");
        AccessRefusedException refusal = new AccessRefusedException(summary.apply(row), reasons);
        // one line for the operator, at the level the unit chooses; the audit record is the evidence
        if (refusalLog != System.Logger.Level.OFF) {
            REFUSALS.log(refusalLog, () -> refusal.getMessage() + " (reason " + reasons.get(0).code() + ")");
        }
        if (failure != null) {
            refusal.addSuppressed(failure);
        }
        return refusal;
    }

    /** Audits a read, kept in {@code scope} if it collects, else appended at once. */
    void audit(AuditAction action, AuditOutcome outcome, EntityMapping mapping, String subjectId,
               String entityId, List<String> fields, String detail, ReadScope scope) {
        audit(action, outcome, mapping, subjectId, entityId, fields, detail, scope, ref -> { });
    }

    /** As above, telling {@code seen} the subject's pseudonym when the record is built. */
    private void audit(AuditAction action, AuditOutcome outcome, EntityMapping mapping, String subjectId,
                       String entityId, List<String> fields, String detail, ReadScope scope,
                       Consumer<String> seen) {
        String basis = bases.computeIfAbsent(new Fields(mapping.type(), fields),
                f -> RowAudit.legalBasis(mapping.model(), fields));
        String caller = runtime.currentCaller().name();
        String purpose = ProcessingContext.purpose().orElse("");
        Instant at = runtime.clock().instant();
        PendingAudit pending = new PendingAudit(mapping.entityName(), subjectId, ref -> {
            seen.accept(ref);
            return RowAudit.event(at, caller, subjectId, ref, action, mapping, entityId, fields, purpose, basis,
                    outcome, detail);
        }, new SameRecord(caller, subjectId, action, mapping.entityName(), fields, purpose, basis, outcome, detail),
                ref -> {
                    seen.accept(ref);
                    return mapping.auditId(entityId, ref);
                });
        if (scope == null || !scope.collect(pending)) {
            audit.writeAll(List.of(pending));
        }
    }
}
