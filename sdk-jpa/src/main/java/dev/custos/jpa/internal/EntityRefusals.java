// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.Message;
import dev.custos.core.SafeCause;
import dev.custos.core.audit.AuditAction;
import dev.custos.core.metadata.PersonalDataAttribute;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.EntityMapping;
import dev.custos.jpa.access.AccessCheck;
import dev.custos.jpa.access.AccessKind;
import dev.custos.jpa.access.AccessPolicy;
import dev.custos.jpa.access.AccessVerdict;
import dev.custos.jpa.access.Caller;
import dev.custos.jpa.access.ProcessingContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The access guard's refusals of an entity as a whole: to a role that sees no content, for a restricted subject,
 * by an access policy or the pack's assigned-caller rule. Thread-safe.
 */
final class EntityRefusals {

    private final CustosRuntime runtime;
    private final RestrictionLookup restrictions;
    private final SubjectResolver subjects;
    private final AccessAudit audits;
    /** Whether each entity type has attributes kept for their assigned caller alone, asked for every row. */
    private final Map<Class<?>, Boolean> assignedOnly = new ConcurrentHashMap<>();

    EntityRefusals(CustosRuntime runtime, RestrictionLookup restrictions, SubjectResolver subjects,
                   AccessAudit audits) {
        this.runtime = runtime;
        this.restrictions = restrictions;
        this.subjects = subjects;
        this.audits = audits;
    }

    /**
     * Refuses every access of a caller in a role that sees no content ({@link CustosRuntime#noContentRoles}): an
     * auditor reads the audit trail, not the data.
     */
    void refuseNoContent(AccessKind kind, Object entity, EntityMapping mapping, ReadScope scope) {
        if (runtime.noContentRoles().isEmpty() || mapping.model().attributes().isEmpty()) {
            return; // checked per row: nothing built unless some role sees no content
        }
        Optional<String> role = runtime.noContentRole(runtime.currentCaller());
        if (role.isEmpty()) {
            return;
        }
        List<String> all = mapping.model().attributes().stream().map(PersonalDataAttribute::name).toList();
        String subjectId = subjects.subjectId(entity, mapping);
        String entityId = String.valueOf(subjects.entityId(entity));
        String what = kind.name().toLowerCase(java.util.Locale.ROOT);
        Function<String, Message> summary = row -> kind.writes()
                ? JpaMessages.writeRefusedNoContent(what, mapping.entityName(), row, role.get())
                : JpaMessages.readRefusedNoContent(mapping.entityName(), row, role.get());
        throw audits.refuse(summary, kind.writes() ? AuditAction.WRITE_DENIED : AuditAction.READ_DENIED, mapping,
                subjectId, entityId, all, List.of(JpaMessages.noContentRole(role.get())), scope);
    }

    void enforcePolicies(AccessKind kind, Object entity, EntityMapping mapping, ReadScope scope) {
        List<AccessPolicy> policies = runtime.accessPolicies();
        boolean assignedOnly = this.assignedOnly.computeIfAbsent(mapping.type(),
                t -> !mapping.model().assignedCallerOnly().isEmpty());
        if (policies.isEmpty() && !assignedOnly) {
            return;
        }
        Caller caller = runtime.currentCaller();
        if (caller.system()) {
            return;
        }
        String subjectId = subjects.subjectId(entity, mapping);
        Message reason = assignedOnly ? notAssigned(caller, entity, mapping) : null;
        if (reason == null && !policies.isEmpty()) {
            AccessCheck check = new AccessCheck(kind, caller, ProcessingContext.purpose(), mapping, entity, subjectId,
                    runtime.pack());
            for (AccessPolicy policy : policies) {
                reason = denial(policy, check);
                if (reason != null) {
                    break;
                }
            }
        }
        if (reason != null) {
            String entityId = String.valueOf(subjects.entityId(entity));
            List<String> all = mapping.model().attributes().stream().map(PersonalDataAttribute::name).toList();
            Function<String, Message> summary = row -> kind.writes()
                    ? JpaMessages.writeRefused(kind.name().toLowerCase(java.util.Locale.ROOT), mapping.entityName(),
                            row)
                    : JpaMessages.readRefused(mapping.entityName(), row, String.join(", ", all));
            throw audits.refuse(summary, kind.writes() ? AuditAction.WRITE_DENIED : AuditAction.READ_DENIED, mapping,
                    subjectId, entityId, all, List.of(reason), scope);
        }
    }

    /**
     * The pack's own relationship rule: data kept under a rule with {@code access="assigned-caller"} is for the
     * caller the record is assigned to alone. A record assigned to nobody is refused to everybody.
     */
    private Message notAssigned(Caller caller, Object entity, EntityMapping mapping) {
        // validation requires the attribute; were it missing, nobody is assigned and everybody is refused
        String attribute = mapping.model().assignedCaller();
        Object assigned = attribute.isEmpty() ? null : AttributeAccess.get(entity, attribute);
        if (assigned != null && caller.name().equals(assigned)) {
            return null;
        }
        List<String> rules = mapping.model().assignedCallerOnly().stream().map(a -> a.rule().id()).distinct().toList();
        String citations = mapping.model().assignedCallerOnly().stream().map(a -> a.rule().citationLine()).distinct()
                .collect(Collectors.joining("; "));
        return JpaMessages.notAssignedCaller(mapping.entityName(), String.join(", ", rules), citations);
    }

    /** The policy's reason to deny, or null; a policy that throws denies. */
    private static Message denial(AccessPolicy policy, AccessCheck check) {
        try {
            AccessVerdict verdict = policy.check(check);
            if (verdict == null) {
                return JpaMessages.policyFailed(policy.getClass().getName(), SafeCause.returnedNull());
            }
            return verdict.reason().orElse(null);
        } catch (RuntimeException e) {
            return JpaMessages.policyFailed(policy.getClass().getName(), SanitizedCause.describe(e));
        }
    }

    /**
     * Art. 18: restricted data is only stored. Checked for every annotated entity, before consent, and failing
     * closed like the consent check; it costs one indexed query per load of an annotated entity, or per subject
     * and query result with a {@link ReadScope}.
     */
    void refuseIfRestricted(Object entity, EntityMapping mapping, String subjectId, ReadScope scope) {
        Message reason;
        try {
            if (!(scope == null ? restrictions.restricted(subjectId) : scope.restricted(subjectId, restrictions))) {
                return;
            }
            reason = JpaMessages.subjectRestricted(mapping.entityName());
        } catch (Exception e) {
            reason = JpaMessages.restrictionUnknown(mapping.entityName(), SanitizedCause.describe(e));
        }
        String entityId = String.valueOf(subjects.entityId(entity));
        List<String> all = mapping.model().attributes().stream().map(PersonalDataAttribute::name).toList();
        throw audits.refuse(row -> JpaMessages.readRefused(mapping.entityName(), row, String.join(", ", all)),
                AuditAction.READ_DENIED, mapping, subjectId, entityId, all, List.of(reason), scope);
    }
}
