// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.CustosException;
import dev.custos.core.audit.AuditAction;
import dev.custos.core.audit.AuditOutcome;
import dev.custos.core.metadata.PersonalDataAttribute;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.EntityMapping;
import dev.custos.jpa.access.AccessKind;
import dev.custos.jpa.access.ProcessingContext;
import java.sql.Connection;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Audits every write of an annotated entity on the writing transaction's connection. Provider adapters
 * call {@link #written} from their post-insert, post-update and post-delete hooks, which checks the write and
 * decides its record, and {@link #append} when their flush ends, which appends the records of the flush
 * together, still inside the writing transaction. Thread-safe.
 */
public final class WriteAudit {

    private final CustosRuntime runtime;
    private final SubjectResolver subjects;
    private final TransactionalAuditWriter writer;
    private final AccessGuard guard;

    public WriteAudit(CustosRuntime runtime, SubjectResolver subjects, TransactionalAuditWriter writer,
                      AccessGuard guard) {
        this.runtime = runtime;
        this.subjects = subjects;
        this.writer = writer;
        this.guard = guard;
    }

    /**
     * Checks a write of {@code entity} against the access policies and decides its audit record.
     *
     * @param changed the attributes the write changed (all of them for inserts and deletes)
     * @return the record to append with the flush, or null when the write needs none (not an annotated entity,
     *         or an update of other columns than personal data)
     * @throws dev.custos.jpa.access.AccessRefusedException if an access policy denies the write, the caller is in a
     *         role that sees no content, or it writes a value under a purpose the attribute does not declare, or
     *         special-category data with no purpose in effect; the change fails
     */
    public PendingAudit written(Object entity, AuditAction action, Collection<String> changed) {
        Optional<EntityMapping> found = runtime.mapping(entity.getClass());
        if (found.isEmpty()) {
            return null;
        }
        // Checked after the statement ran but inside its transaction, which the refusal rolls back: the one hook
        // both providers offer with the entity, its changes and the transaction's connection.
        guard.beforeWrite(entity, switch (action) {
            case CREATE -> AccessKind.INSERT;
            case DELETE -> AccessKind.DELETE;
            default -> AccessKind.UPDATE;
        }, changed);
        EntityMapping mapping = found.get();
        Set<String> personal = mapping.model().attributes().stream().map(PersonalDataAttribute::name)
                .collect(Collectors.toSet());
        // An update never writes a mask (the adapters write the stored value, or not the column), so an attribute
        // still masked is no change, also where an adapter had no list of changes and passed every attribute.
        List<String> fields = changed.stream().filter(personal::contains)
                .filter(a -> action != AuditAction.UPDATE || !guard.masks().stillMasked(entity, a))
                .sorted().toList();
        if (action == AuditAction.UPDATE && fields.isEmpty()) {
            return null; // only personal data is audited; other columns are the application's business
        }
        String basis = RowAudit.legalBasis(mapping.model(), fields);
        String caller = runtime.currentCaller().name();
        String purpose = ProcessingContext.purpose().orElse("");
        String entityId = String.valueOf(subjects.entityId(entity));
        Instant at = runtime.clock().instant(); // when it was written, not when the flush appends it
        String subjectId = subjects.subjectId(entity, mapping);
        // consent-based data may be written before its consent is recorded (a form that collects both); the record
        // says so, and reads wait for the consent
        String detail = action == AuditAction.DELETE ? ""
                : guard.writtenWithoutConsent(entity, mapping, fields).map(Object::toString).orElse("");
        return new PendingAudit(mapping.entityName(), subjectId, ref -> RowAudit.event(at, caller, subjectId, ref,
                action, mapping, entityId, fields, purpose, basis, AuditOutcome.DONE, detail));
    }

    /**
     * Appends {@code audits} on {@code connection}, the writing transaction's.
     *
     * @throws CustosException {@code CUSTOS-04414} if the records cannot be written; the transaction must then fail
     */
    public void append(Connection connection, List<PendingAudit> audits) {
        if (audits.isEmpty()) {
            return;
        }
        try {
            writer.writeAll(connection, audits);
        } catch (Exception e) {
            String entities = audits.stream().map(PendingAudit::entityName).distinct().sorted()
                    .collect(Collectors.joining(", "));
            throw new CustosException(JpaMessages.auditFailed(entities, SanitizedCause.describe(e)), e);
        }
    }
}
