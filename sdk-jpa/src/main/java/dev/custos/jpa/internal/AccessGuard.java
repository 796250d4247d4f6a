// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.Message;
import dev.custos.core.annotation.DeniedAccess;
import dev.custos.core.audit.AuditAction;
import dev.custos.core.audit.AuditOutcome;
import dev.custos.core.consent.ConsentDecision;
import dev.custos.core.consent.ConsentEvaluator;
import dev.custos.core.consent.ConsentEvent;
import dev.custos.core.metadata.PersonalDataAttribute;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.EntityMapping;
import dev.custos.jpa.access.AccessCheck;
import dev.custos.jpa.access.AccessKind;
import dev.custos.jpa.access.AccessPolicy;
import dev.custos.jpa.access.AccessRefusedException;
import dev.custos.jpa.access.AccessVerdict;
import dev.custos.jpa.access.Caller;
import dev.custos.jpa.access.ProcessingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decides, for an entity just loaded, which of its personal data the current caller may read, and
 * enforces it: refuses the load, or masks attributes, and audits refusals, maskings and reads of
 * special-category data. Provider adapters call it from their post-load hooks; it knows nothing of the
 * provider. Thread-safe.
 * <p>
 * Purpose limitation: an attribute that declares purposes is processed under those alone, whatever its basis; a
 * consent-based one also needs the subject's consent to the purpose. With no purpose in effect, consent-based and
 * special-category attributes are denied, and special-category values are not written; ordinary attributes that
 * are not consent-based are read, and ordinary values written (an application that never names a purpose keeps
 * working for ordinary data). Custos itself (a system caller) is held to consent
 * only. Callers in a role of {@link CustosRuntime#noContentRoles} are refused every annotated attribute.
 */
public final class AccessGuard {

    private static final System.Logger LOG = System.getLogger(AccessGuard.class.getName());
    private static final System.Logger REFUSALS = System.getLogger("dev.custos.jpa.access.refusals");

    private final System.Logger.Level refusalLog;
    private final CustosRuntime runtime;
    private final ConsentLookup consents;
    private final RestrictionLookup restrictions;
    private final AuditWriter audit;
    private final SubjectResolver subjects;
    private final ConsentEvaluator evaluator;
    private final MaskedAttributes masks = new MaskedAttributes();

    public AccessGuard(CustosRuntime runtime, ConsentLookup consents, RestrictionLookup restrictions,
                       AuditWriter audit, SubjectResolver subjects, System.Logger.Level refusalLog) {
        this.refusalLog = refusalLog;
        this.runtime = runtime;
        this.consents = consents;
        this.restrictions = restrictions;
        this.audit = audit;
        this.subjects = subjects;
        this.evaluator = new ConsentEvaluator(runtime.clock());
    }

    /** The attributes this guard masked, by entity instance. */
    public MaskedAttributes masks() {
        return masks;
    }

    /** Whether any attribute of the model is masked when its read is denied ({@code whenDenied = MASK}). */
    public boolean masksAnything() {
        return runtime.mappings().stream().flatMap(m -> m.model().attributes().stream())
                .anyMatch(a -> a.whenDenied() == DeniedAccess.MASK);
    }

    /** Whether entities of {@code type} are annotated, so that their loads are checked. */
    public boolean guards(Class<?> type) {
        return runtime.mapping(type).isPresent();
    }

    /**
     * Checks {@code entity} after it was loaded.
     *
     * @return what was masked
     * @throws AccessRefusedException if an attribute the caller may not read is set to refuse
     */
    public LoadOutcome afterLoad(Object entity) {
        return afterLoad(entity, null);
    }

    /**
     * As {@link #afterLoad(Object)}, reading each subject's restriction and consent once per {@code scope}.
     *
     * @param scope the scope of the query result the entity belongs to, or null to look up for this row alone
     */
    public LoadOutcome afterLoad(Object entity, ReadScope scope) {
        Optional<EntityMapping> found = runtime.mapping(entity.getClass());
        if (found.isEmpty()) {
            return LoadOutcome.ALLOWED;
        }
        EntityMapping mapping = found.get();
        refuseNoContent(AccessKind.READ, entity, mapping, scope);
        refuseIfRestricted(entity, mapping, scope);
        enforcePolicies(AccessKind.READ, entity, mapping, scope);
        List<PersonalDataAttribute> purposeBound = purposeBound(mapping);
        if (purposeBound.isEmpty() && !mapping.model().holdsSensitiveData()) {
            return LoadOutcome.ALLOWED; // nothing to check or audit: the fast path of ordinary entities
        }
        String subjectId = subjects.subjectId(entity, mapping);
        String entityId = String.valueOf(subjects.entityId(entity));
        List<Denial> denials = denials(purposeBound, subjectId, scope);

        List<Denial> refused = denials.stream().filter(d -> d.attribute.whenDenied() == DeniedAccess.REFUSE).toList();
        if (!refused.isEmpty()) {
            boolean consentOnly = refused.stream().allMatch(d -> d.attribute.consentRequired());
            throw refuse(row -> consentOnly
                            ? JpaMessages.readRefused(mapping.entityName(), row, String.join(", ", names(refused)))
                            : JpaMessages.readRefusedForPurpose(mapping.entityName(), row,
                                    String.join(", ", names(refused))),
                    AuditAction.READ_DENIED, mapping, subjectId, entityId, names(refused),
                    refused.stream().map(d -> d.reason).toList(), scope);
        }
        List<String> masked = new ArrayList<>();
        for (Denial denial : denials) {
            masked.add(denial.attribute.name());
            masked.addAll(denial.attribute.derivedCopies());
        }
        masked = List.copyOf(new LinkedHashSet<>(masked));
        for (String attribute : masked) {
            AttributeAccess.set(entity, attribute, null);
        }
        masks.record(entity, masked);
        if (!masked.isEmpty()) {
            audit(AuditAction.READ_MASKED, AuditOutcome.DENIED, mapping, subjectId, entityId, masked,
                    denials.get(0).reason.code(), scope);
        }
        Set<String> maskedSet = Set.copyOf(masked);
        List<String> sensitiveRead = mapping.model().attributes().stream()
                .filter(a -> a.category().sensitive() && !maskedSet.contains(a.name()))
                .map(PersonalDataAttribute::name).toList();
        if (!sensitiveRead.isEmpty()) {
            audit(AuditAction.READ, AuditOutcome.PERMITTED, mapping, subjectId, entityId, sensitiveRead, "", scope);
        }
        return new LoadOutcome(masked);
    }

    /**
     * Reads, into {@code scope}, the restriction and consent state of the subjects of {@code entities} at once: the
     * rows of one query result about to be decided with {@link #afterLoad(Object, ReadScope)}. A failure is not
     * reported here: each row then looks up on its own, and is refused with the reason.
     */
    public void prefetch(Collection<?> entities, ReadScope scope) {
        try {
            Set<String> subjectIds = new LinkedHashSet<>();
            boolean consent = false;
            Optional<String> purpose = ProcessingContext.purpose();
            for (Object entity : entities) {
                Optional<EntityMapping> mapping = runtime.mapping(entity.getClass());
                if (mapping.isPresent()) {
                    subjectIds.add(subjects.subjectId(entity, mapping.get()));
                    consent = consent || mapping.get().model().attributes().stream()
                            .anyMatch(a -> needsConsent(a, purpose));
                }
            }
            scope.prefetch(subjectIds, restrictions,
                    consent && ProcessingContext.purpose().isPresent() ? consents : null);
        } catch (Exception e) {
            // not kept: each row looks up on its own, and is refused with the reason if that fails too
            String entity = entities.isEmpty() ? "" : entities.iterator().next().getClass().getSimpleName();
            LOG.log(System.Logger.Level.WARNING, JpaMessages.prefetchFailed(entity, SanitizedCause.describe(e))
                    .toString());
        }
    }

    /**
     * Checks a write of {@code entity} against the access policies, and against the subject's consent where the
     * pack says the purpose in effect needs consent whatever the data's basis; called in the writing transaction,
     * so that a refusal fails it.
     *
     * @throws AccessRefusedException if a policy denies the write, or the consent the purpose needs is not in
     *                                force; the refusal is audited in its own transaction
     */
    public void beforeWrite(Object entity, AccessKind kind) {
        beforeWrite(entity, kind, List.of());
    }

    /**
     * As {@link #beforeWrite(Object, AccessKind)}, also refusing the write of a value of {@code written} that the
     * caller may not process under the purpose in effect: under a purpose the attribute does not declare, or, for
     * special-category and criminal-offence data, with no purpose in effect at all (Art. 9 data is processed only
     * for a purpose the application names). Writing null, which keeps or erases no content, is not checked, nor,
     * under a purpose, are consent-based attributes, whose reads the consent decides; deletes are refused only to
     * roles that see no content. Custos itself (a system caller) is not held to purposes.
     *
     * @param written the attributes the write sets (all of them for an insert)
     * @throws AccessRefusedException {@code CUSTOS-04502} to a caller in a role that sees no content,
     *                                {@code CUSTOS-04505} for a value written under a purpose not declared,
     *                                {@code CUSTOS-04570} for special-category data written with no purpose
     */
    public void beforeWrite(Object entity, AccessKind kind, Collection<String> written) {
        Optional<EntityMapping> found = runtime.mapping(entity.getClass());
        if (found.isEmpty()) {
            return;
        }
        EntityMapping mapping = found.get();
        refuseNoContent(kind, entity, mapping, null);
        enforcePolicies(kind, entity, mapping, null);
        refuseWithoutPurposeConsent(kind, entity, mapping);
        if (kind == AccessKind.DELETE || written.isEmpty()) {
            return;
        }
        Optional<String> purpose = ProcessingContext.purpose();
        List<Denial> denials = new ArrayList<>();
        for (PersonalDataAttribute attribute : mapping.model().attributes()) {
            if (!written.contains(attribute.name()) || AttributeAccess.get(entity, attribute.name()) == null) {
                continue;
            }
            if (purpose.isEmpty()) {
                if (attribute.category().sensitive()) {
                    denials.add(new Denial(attribute, JpaMessages.sensitiveWithoutPurpose(attribute.name(),
                            String.join(", ", attribute.purposes()))));
                }
            } else if (!attribute.consentRequired() && !attribute.purposes().isEmpty()
                    && !attribute.purposes().contains(purpose.get())) {
                // consent-based values are collected with the consent, under whatever purpose the form runs; what
                // may be done with them is decided by that consent on every read
                denials.add(new Denial(attribute, JpaMessages.purposeNotDeclared(attribute.name(), purpose.get(),
                        String.join(", ", attribute.purposes()))));
            }
        }
        if (denials.isEmpty() || runtime.currentCaller().system()) {
            return;
        }
        String subjectId = subjects.subjectId(entity, mapping);
        String entityId = String.valueOf(subjects.entityId(entity));
        String what = kind.name().toLowerCase(java.util.Locale.ROOT);
        String attributes = String.join(", ", names(denials));
        throw refuse(row -> purpose.isEmpty()
                        ? JpaMessages.writeRefusedWithoutPurpose(what, mapping.entityName(), row, attributes)
                        : JpaMessages.writeRefusedForPurpose(what, mapping.entityName(), row, attributes),
                AuditAction.WRITE_DENIED, mapping, subjectId, entityId, names(denials),
                denials.stream().map(d -> d.reason).toList(), null);
    }

    /**
     * Refuses every access of a caller in a role that sees no content ({@link CustosRuntime#noContentRoles}): an
     * auditor reads the audit trail, not the data.
     */
    private void refuseNoContent(AccessKind kind, Object entity, EntityMapping mapping, ReadScope scope) {
        List<String> all = mapping.model().attributes().stream().map(PersonalDataAttribute::name).toList();
        if (all.isEmpty() || runtime.noContentRoles().isEmpty()) {
            return;
        }
        Optional<String> role = runtime.noContentRole(runtime.currentCaller());
        if (role.isEmpty()) {
            return;
        }
        String subjectId = subjects.subjectId(entity, mapping);
        String entityId = String.valueOf(subjects.entityId(entity));
        String what = kind.name().toLowerCase(java.util.Locale.ROOT);
        Function<String, Message> summary = row -> kind.writes()
                ? JpaMessages.writeRefusedNoContent(what, mapping.entityName(), row, role.get())
                : JpaMessages.readRefusedNoContent(mapping.entityName(), row, role.get());
        throw refuse(summary, kind.writes() ? AuditAction.WRITE_DENIED : AuditAction.READ_DENIED, mapping, subjectId,
                entityId, all, List.of(JpaMessages.noContentRole(role.get())), scope);
    }

    /** The attributes whose reads are limited to a purpose: consent-based, declaring purposes, or sensitive. */
    private static List<PersonalDataAttribute> purposeBound(EntityMapping mapping) {
        return mapping.model().attributes().stream()
                .filter(a -> a.consentRequired() || !a.purposes().isEmpty() || a.category().sensitive()).toList();
    }

    /**
     * Writing data for a purpose the pack says needs consent (disclosing a journal entry to the GP, say) is
     * processing under that purpose too: without the consent in force the write is refused, as a read would be.
     * Consent-based data is not checked here, as it never was on write: its reads are.
     */
    private void refuseWithoutPurposeConsent(AccessKind kind, Object entity, EntityMapping mapping) {
        Optional<String> purpose = ProcessingContext.purpose().filter(runtime.pack()::consentRequiredFor);
        if (purpose.isEmpty()) {
            return;
        }
        List<PersonalDataAttribute> bound = mapping.model().attributes().stream()
                .filter(a -> !a.consentRequired() && needsConsent(a, purpose)).toList();
        String subjectId = bound.isEmpty() ? null : subjects.subjectId(entity, mapping);
        List<Denial> denials = denials(bound, subjectId, null);
        if (denials.isEmpty()) {
            return;
        }
        String entityId = String.valueOf(subjects.entityId(entity));
        String verb = kind.name().toLowerCase(java.util.Locale.ROOT);
        throw refuse(row -> JpaMessages.writeWithoutPurposeConsent(verb, mapping.entityName(), row, purpose.get()),
                AuditAction.WRITE_DENIED, mapping, subjectId, entityId, names(denials),
                denials.stream().map(d -> d.reason).toList(), null);
    }

    /**
     * Whether processing {@code attribute} under {@code purpose} needs the subject's consent: its basis is consent,
     * or the pack says the purpose needs consent whatever the basis.
     */
    private boolean needsConsent(PersonalDataAttribute attribute, Optional<String> purpose) {
        return attribute.consentRequired(purpose, runtime.pack());
    }

    /**
     * The consent-based attributes of {@code fields} that {@code entity} holds a value of without the subject's
     * consent in force for the purpose in effect (or with no purpose in effect), with why: such a write is
     * allowed, and its audit record says so. A write under a purpose that needs consent whatever the data's basis
     * is refused before this ({@code CUSTOS-04520}).
     */
    public Optional<Message> writtenWithoutConsent(Object entity, EntityMapping mapping, List<String> fields) {
        List<PersonalDataAttribute> written = mapping.model().attributes().stream()
                .filter(a -> a.consentRequired() && fields.contains(a.name())
                        && AttributeAccess.get(entity, a.name()) != null)
                .toList();
        if (written.isEmpty() || runtime.currentCaller().system()) {
            return Optional.empty();
        }
        List<Denial> missing = denials(written, subjects.subjectId(entity, mapping), null);
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(JpaMessages.writtenWithoutConsent(String.join(", ", names(missing)), missing.stream()
                .map(d -> d.reason.code()).distinct().sorted().collect(Collectors.joining(", "))));
    }

    /**
     * Refuses a write of {@code entity} that sets a value on an attribute masked when it was loaded, unless the
     * caller may now read that attribute. The mask exists because the caller may not process the attribute under
     * the purpose in effect (no purpose, a purpose it does not declare, no consent); writing it is processing too,
     * so it needs the same right, and is refused rather than written or silently dropped. Called in the writing
     * transaction before the row is written, so that the refusal fails it.
     *
     * @throws AccessRefusedException {@code CUSTOS-04450} if such a write is refused; the refusal is audited in a
     *                                transaction of its own
     */
    public void refuseMaskedWrites(Object entity) {
        List<String> overwritten = masks.overwritten(entity);
        Optional<EntityMapping> found = overwritten.isEmpty() ? Optional.empty() : runtime.mapping(entity.getClass());
        if (found.isEmpty()) {
            return;
        }
        EntityMapping mapping = found.get();
        // a derived copy is masked with its source attribute, and may be written when the source may be read
        List<PersonalDataAttribute> sources = purposeBound(mapping).stream()
                .filter(a -> overwritten.contains(a.name())
                        || a.derivedCopies().stream().anyMatch(overwritten::contains))
                .toList();
        String subjectId = subjects.subjectId(entity, mapping);
        List<Denial> denials = denials(sources, subjectId, null);
        if (denials.isEmpty()) {
            return;
        }
        Set<String> denied = new LinkedHashSet<>();
        for (Denial denial : denials) {
            denied.add(denial.attribute.name());
            denied.addAll(denial.attribute.derivedCopies());
        }
        List<String> refused = overwritten.stream().filter(denied::contains).toList();
        String entityId = String.valueOf(subjects.entityId(entity));
        throw refuse(row -> JpaMessages.maskedWriteRefused(mapping.entityName(), row, String.join(", ", refused)),
                AuditAction.WRITE_DENIED, mapping, subjectId, entityId, refused,
                denials.stream().map(d -> d.reason).toList(), null);
    }

    /**
     * Appends the read audits {@code scope} collected ({@link ReadScope#collectAudits}) in one transaction of their
     * own. Adapters call it before any row of the scope's result reaches the caller.
     *
     * @throws RuntimeException when they cannot be appended: the result must then not be handed out
     */
    public void appendCollected(ReadScope scope) {
        List<PendingAudit> audits = scope.drainAudits();
        if (!audits.isEmpty()) {
            audit.writeAll(audits);
        }
    }

    private void enforcePolicies(AccessKind kind, Object entity, EntityMapping mapping, ReadScope scope) {
        List<AccessPolicy> policies = runtime.accessPolicies();
        boolean assignedOnly = !mapping.model().assignedCallerOnly().isEmpty();
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
            throw refuse(summary, kind.writes() ? AuditAction.WRITE_DENIED : AuditAction.READ_DENIED, mapping,
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
                return JpaMessages.policyFailed(policy.getClass().getName(), "it returned null");
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
    private void refuseIfRestricted(Object entity, EntityMapping mapping, ReadScope scope) {
        String subjectId = subjects.subjectId(entity, mapping);
        String entityId = String.valueOf(subjects.entityId(entity));
        Message reason;
        try {
            if (!(scope == null ? restrictions.restricted(subjectId) : scope.restricted(subjectId, restrictions))) {
                return;
            }
            reason = JpaMessages.subjectRestricted(mapping.entityName());
        } catch (Exception e) {
            reason = JpaMessages.restrictionUnknown(mapping.entityName(), SanitizedCause.describe(e));
        }
        List<String> all = mapping.model().attributes().stream().map(PersonalDataAttribute::name).toList();
        throw refuse(row -> JpaMessages.readRefused(mapping.entityName(), row, String.join(", ", all)),
                AuditAction.READ_DENIED, mapping, subjectId, entityId, all, List.of(reason), scope);
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
    private AccessRefusedException refuse(Function<String, Message> summary, AuditAction action,
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

    /**
     * Which of {@code purposeBound} the caller may not process under the purpose in effect, and why: see the class
     * comment. Custos itself is held to consent only.
     */
    private List<Denial> denials(List<PersonalDataAttribute> purposeBound, String subjectId, ReadScope scope) {
        if (purposeBound.isEmpty()) {
            return List.of();
        }
        Optional<String> purpose = ProcessingContext.purpose();
        List<ConsentEvent> events = null;
        String unavailable = null;
        Boolean system = null;
        List<Denial> denials = new ArrayList<>();
        for (PersonalDataAttribute attribute : purposeBound) {
            String location = attribute.name();
            if (!needsConsent(attribute, purpose)) {
                if (system == null) {
                    system = runtime.currentCaller().system();
                }
                Message reason = system ? null : purposeDenial(attribute, purpose);
                if (reason != null) {
                    denials.add(new Denial(attribute, reason));
                }
                continue;
            }
            if (purpose.isEmpty()) {
                denials.add(new Denial(attribute, JpaMessages.noPurpose(location,
                        String.join(", ", attribute.purposes()))));
                continue;
            }
            if (!attribute.purposes().contains(purpose.get())) {
                denials.add(new Denial(attribute, JpaMessages.purposeNotDeclared(location, purpose.get(),
                        String.join(", ", attribute.purposes()))));
                continue;
            }
            if (events == null && unavailable == null) {
                try {
                    events = scope == null ? consents.events(subjectId) : scope.events(subjectId, consents);
                } catch (Exception e) {
                    unavailable = SanitizedCause.describe(e);
                }
            }
            ConsentDecision decision = unavailable != null
                    ? ConsentDecision.unavailable(purpose.get(), unavailable)
                    : evaluator.evaluate(events, subjectId, purpose.get(), Set.of());
            if (!decision.permitted()) {
                denials.add(new Denial(attribute, decision.detail()));
            }
        }
        return denials;
    }

    /** Why an attribute that is not consent-based may not be processed under {@code purpose}, or null. */
    private static Message purposeDenial(PersonalDataAttribute attribute, Optional<String> purpose) {
        if (purpose.isEmpty()) {
            // ordinary data is read with no purpose in effect; special categories never are
            return attribute.category().sensitive()
                    ? JpaMessages.sensitiveWithoutPurpose(attribute.name(), String.join(", ", attribute.purposes()))
                    : null;
        }
        if (!attribute.purposes().isEmpty() && !attribute.purposes().contains(purpose.get())) {
            return JpaMessages.purposeNotDeclared(attribute.name(), purpose.get(),
                    String.join(", ", attribute.purposes()));
        }
        return null;
    }

    /** Audits a read, kept in {@code scope} if it collects, else appended at once. */
    private void audit(AuditAction action, AuditOutcome outcome, EntityMapping mapping, String subjectId,
                       String entityId, List<String> fields, String detail, ReadScope scope) {
        audit(action, outcome, mapping, subjectId, entityId, fields, detail, scope, ref -> { });
    }

    /** As above, telling {@code seen} the subject's pseudonym when the record is built. */
    private void audit(AuditAction action, AuditOutcome outcome, EntityMapping mapping, String subjectId,
                       String entityId, List<String> fields, String detail, ReadScope scope,
                       Consumer<String> seen) {
        String basis = mapping.model().attributes().stream()
                .filter(a -> fields.contains(a.name()))
                .map(a -> a.basis().citation()).distinct().sorted().collect(Collectors.joining("; "));
        String caller = runtime.currentCaller().name();
        String purpose = ProcessingContext.purpose().orElse("");
        Instant at = runtime.clock().instant();
        PendingAudit pending = new PendingAudit(mapping.entityName(), subjectId, ref -> {
            seen.accept(ref);
            return RowAudit.event(at, caller, subjectId, ref, action, mapping, entityId, fields, purpose, basis,
                    outcome, detail);
        });
        if (scope == null || !scope.collect(pending)) {
            audit.writeAll(List.of(pending));
        }
    }

    private static List<String> names(List<Denial> denials) {
        return denials.stream().map(d -> d.attribute.name()).toList();
    }

    private record Denial(PersonalDataAttribute attribute, Message reason) {
    }
}
