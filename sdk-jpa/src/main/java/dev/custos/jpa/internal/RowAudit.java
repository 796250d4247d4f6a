// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.audit.AuditAction;
import dev.custos.core.audit.AuditEvent;
import dev.custos.core.audit.AuditOutcome;
import dev.custos.core.metadata.EntityModel;
import dev.custos.core.metadata.PersonalDataAttribute;
import dev.custos.jpa.EntityMapping;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds the audit record of an access to one row: the one place where a row's id and the caller's name become
 * evidence, so that no call site can write a subject's id in clear into a trail nobody can change. The row is
 * named by {@link EntityMapping#auditId} (the subject's pseudonym where the id is the subject's own), and a
 * caller who is the row's data subject (self-service) by that pseudonym too ({@link #actor}).
 */
public final class RowAudit {

    private RowAudit() {
    }

    /**
     * @param caller    who did it, as the caller's name
     * @param subjectId the row's data subject in clear, only to recognise a caller who is that subject
     * @param ref       the subject's pseudonym
     * @param entityId  the row's id, as the entity has it
     */
    public static AuditEvent event(Instant at, String caller, String subjectId, String ref, AuditAction action,
                                   EntityMapping mapping, Object entityId, List<String> fields, String purpose,
                                   String basis, AuditOutcome outcome, String detail) {
        return new AuditEvent(at, actor(caller, subjectId, ref), ref, action, mapping.entityName(),
                mapping.auditId(String.valueOf(entityId), ref), fields, purpose, basis, outcome, detail);
    }

    /**
     * The legal basis an audit record of {@code attributes} names: their bases' citations, each once, sorted, joined
     * by {@code "; "}; empty for none.
     */
    public static String legalBasis(Collection<PersonalDataAttribute> attributes) {
        return attributes.stream().map(a -> a.basis().citation()).distinct().sorted()
                .collect(Collectors.joining("; "));
    }

    /** {@link #legalBasis(Collection)} of the attributes of {@code entity} that {@code names} names. */
    public static String legalBasis(EntityModel entity, Collection<String> names) {
        return legalBasis(entity.attributes().stream().filter(a -> names.contains(a.name())).toList());
    }

    /** The actor to record: the subject's pseudonym when the subject acts on their own data, else the caller. */
    public static String actor(String caller, String subjectId, String ref) {
        return subjectId != null && !ref.isEmpty() && caller.equals(subjectId) ? ref : caller;
    }
}
