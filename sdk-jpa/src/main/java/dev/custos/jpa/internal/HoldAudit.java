// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.CustosException;
import dev.custos.core.audit.AuditAction;
import dev.custos.core.audit.AuditEvent;
import dev.custos.core.audit.AuditOutcome;
import dev.custos.core.policy.HoldReason;
import dev.custos.core.retention.LegalHold;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.internal.store.AuditTrail;
import dev.custos.jpa.internal.store.LegalHoldStore;
import dev.custos.jpa.internal.store.SubjectKeys;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Places and releases legal holds together with their audit records ({@code HOLD_PLACED}, {@code HOLD_RELEASED})
 * on the write chain, in the caller's transaction, so that a hold never exists without its evidence. A hold's
 * reason must be one of the active pack's. The one way every API (Java SE, CDI, a request's route) does it.
 * Thread-safe.
 */
public final class HoldAudit {

    private final CustosRuntime runtime;
    private final LegalHoldStore holds = new LegalHoldStore();
    private final SubjectKeys keys;
    private final AuditTrail writes;

    public HoldAudit(CustosRuntime runtime) {
        this.runtime = runtime;
        this.keys = new SubjectKeys(runtime.clock());
        this.writes = new AuditTrail(StoreBackedAudit.WRITE_CHAIN, runtime.clock(), runtime.transactions());
    }

    /**
     * Checks the hold's reason against the pack, stores the hold and audits it.
     *
     * @param purpose the purpose the audit record names; may be empty
     * @param detail  what placed it, for the audit record (never personal data); may be empty
     * @throws CustosException {@code CUSTOS-04550} for a reason the pack does not have
     */
    public void place(Connection connection, String subjectId, Optional<String> entityName,
                      Optional<String> entityId, LegalHold hold, String purpose, String detail) {
        requireReason(hold.reasonId());
        holds.place(connection, subjectId, entityName, entityId, hold);
        writes.append(connection, event(connection, subjectId, entityName, entityId, hold, AuditAction.HOLD_PLACED,
                hold.placedBy(), hold.placedAt(), purpose, detail));
    }

    /**
     * Releases hold {@code holdId} and audits it.
     *
     * @return false, and nothing audited, if there is no such hold or it was released before
     */
    public boolean release(Connection connection, String holdId, String releasedBy) {
        Instant at = runtime.clock().instant();
        Optional<LegalHoldStore.Placement> placed = holds.find(connection, holdId);
        if (placed.isEmpty() || !holds.release(connection, holdId, at, releasedBy)) {
            return false;
        }
        LegalHoldStore.Placement p = placed.get();
        writes.append(connection, event(connection, p.subjectId(), p.entityName(), p.entityId(), p.hold(),
                AuditAction.HOLD_RELEASED, releasedBy, at, "", ""));
        return true;
    }

    /** @throws CustosException {@code CUSTOS-04550} for a reason the pack does not have */
    public void requireReason(String reasonId) {
        if (runtime.pack().holdReason(reasonId).isEmpty()) {
            throw new CustosException(JpaMessages.unknownHoldReason(reasonId, runtime.pack().id(),
                    String.join(", ", runtime.pack().holdReasons().keySet())));
        }
    }

    private AuditEvent event(Connection connection, String subjectId, Optional<String> entityName,
                             Optional<String> entityId, LegalHold hold, AuditAction action, String actor,
                             Instant at, String purpose, String detail) {
        String ref = keys.pseudonym(connection, subjectId);
        // a row keyed by its subject's id is named by the subject's pseudonym, as every audit record names it
        String auditId = entityId.map(id -> entityName.flatMap(name -> runtime.model().entity(name))
                .flatMap(m -> runtime.mapping(m.type())).map(m -> m.auditId(id, ref)).orElse(id)).orElse("");
        String basis = runtime.pack().holdReason(hold.reasonId()).map(HoldReason::citations)
                .map(c -> String.join("; ", c.stream().map(Object::toString).toList())).orElse("");
        return new AuditEvent(at, RowAudit.actor(actor, subjectId, ref), ref, action, entityName.orElse(""), auditId, List.of(), purpose, basis,
                AuditOutcome.DONE, "hold " + hold.id() + " (" + hold.reasonId() + ")"
                + (detail.isEmpty() ? "" : ": " + detail));
    }
}
