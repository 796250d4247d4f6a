// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.CustosException;
import dev.custos.core.audit.AuditAction;
import dev.custos.core.audit.AuditEvent;
import dev.custos.core.audit.AuditOutcome;
import dev.custos.core.metadata.PersonalDataAttribute;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.EntityMapping;
import dev.custos.jpa.access.AccessKind;
import dev.custos.jpa.access.ProcessingContext;
import java.sql.Connection;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Audits every write of an annotated entity on the writing transaction's connection. Provider adapters
 * call it from their post-insert, post-update and post-delete hooks. Thread-safe.
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
     * Audits a write of {@code entity}.
     *
     * @param changed the attributes the write changed (all of them for inserts and deletes)
     * @throws CustosException if the audit record cannot be written; the change must then fail
     * @throws dev.custos.jpa.access.AccessRefusedException if an access policy denies the write; the change fails
     */
    public void written(Connection connection, Object entity, AuditAction action, Collection<String> changed) {
        Optional<EntityMapping> found = runtime.mapping(entity.getClass());
        if (found.isEmpty()) {
            return;
        }
        // Checked after the statement ran but inside its transaction, which the refusal rolls back: the one hook
        // both providers offer with the entity, its changes and the transaction's connection.
        guard.beforeWrite(entity, switch (action) {
            case CREATE -> AccessKind.INSERT;
            case DELETE -> AccessKind.DELETE;
            default -> AccessKind.UPDATE;
        });
        EntityMapping mapping = found.get();
        Set<String> personal = mapping.model().attributes().stream().map(PersonalDataAttribute::name)
                .collect(Collectors.toSet());
        List<String> fields = changed.stream().filter(personal::contains).sorted().toList();
        if (action == AuditAction.UPDATE && fields.isEmpty()) {
            return; // only personal data is audited; other columns are the application's business
        }
        String basis = mapping.model().attributes().stream().filter(a -> fields.contains(a.name()))
                .map(a -> a.basis().citation()).distinct().sorted().collect(Collectors.joining("; "));
        String caller = runtime.currentCaller().name();
        String purpose = ProcessingContext.purpose().orElse("");
        String entityId = String.valueOf(subjects.entityId(entity));
        try {
            writer.write(connection, subjects.subjectId(entity, mapping), ref -> new AuditEvent(
                    runtime.clock().instant(), caller, ref, action, mapping.entityName(), mapping.auditId(entityId, ref),
                    fields, purpose, basis, AuditOutcome.DONE, ""));
        } catch (Exception e) {
            throw new CustosException(JpaMessages.auditFailed(mapping.entityName(), String.valueOf(e)), e);
        }
    }
}
