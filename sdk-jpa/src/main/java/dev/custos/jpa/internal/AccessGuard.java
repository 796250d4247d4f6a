// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import static dev.custos.jpa.internal.PurposeDenials.names;
import static dev.custos.jpa.internal.PurposeDenials.purposeBound;

import dev.custos.core.Message;
import dev.custos.core.annotation.DeniedAccess;
import dev.custos.core.audit.AuditAction;
import dev.custos.core.audit.AuditOutcome;
import dev.custos.core.metadata.PersonalDataAttribute;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.EntityMapping;
import dev.custos.jpa.access.AccessKind;
import dev.custos.jpa.access.AccessRefusedException;
import dev.custos.jpa.access.ProcessingContext;
import dev.custos.jpa.internal.PurposeDenials.Denial;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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

    private final CustosRuntime runtime;
    private final DecisionCache decisions;
    private final SubjectResolver subjects;
    private final MaskedAttributes masks = new MaskedAttributes();
    private final AccessAudit audits;
    private final PurposeDenials purposes;
    private final EntityRefusals entities;
    private final WriteChecks writes;
    /** What each entity type's model says about its reads, not worked out again for every row. */
    private final Map<Class<?>, ReadFacts> facts = new ConcurrentHashMap<>();

    /**
     * An entity type's purpose-bound attributes, whether it holds special-category data, and the names of those
     * attributes (what a read of a row with nothing masked audits).
     */
    private record ReadFacts(List<PersonalDataAttribute> purposeBound, boolean sensitive, List<String> sensitiveNames) {
    }

    /**
     * @param decisions where the subjects' restriction and consent are read from, for the node's loads alike
     */
    public AccessGuard(CustosRuntime runtime, DecisionCache decisions, AuditWriter audit, SubjectResolver subjects,
                       System.Logger.Level refusalLog) {
        this.runtime = runtime;
        this.decisions = decisions;
        this.subjects = subjects;
        this.audits = new AccessAudit(runtime, audit, refusalLog);
        this.purposes = new PurposeDenials(runtime, decisions);
        this.entities = new EntityRefusals(runtime, decisions, subjects, audits);
        this.writes = new WriteChecks(runtime, subjects, masks, purposes, entities, audits);
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
        try {
            LoadOutcome outcome = decide(entity, mapping, scope);
            runtime.metrics().readChecked(runtime.unitName(), mapping.entityName(), false);
            return outcome;
        } catch (AccessRefusedException e) {
            runtime.metrics().readChecked(runtime.unitName(), mapping.entityName(), true);
            throw e;
        }
    }

    private LoadOutcome decide(Object entity, EntityMapping mapping, ReadScope scope) {
        entities.refuseNoContent(AccessKind.READ, entity, mapping, scope);
        String subjectId = subjects.subjectId(entity, mapping);
        entities.refuseIfRestricted(entity, mapping, subjectId, scope);
        entities.enforcePolicies(AccessKind.READ, entity, mapping, scope);
        ReadFacts read = facts.computeIfAbsent(mapping.type(), t -> new ReadFacts(purposeBound(mapping),
                mapping.model().holdsSensitiveData(), sensitiveRead(mapping, Set.of())));
        List<PersonalDataAttribute> purposeBound = read.purposeBound();
        if (purposeBound.isEmpty() && !read.sensitive()) {
            return LoadOutcome.ALLOWED; // nothing to check or audit: the fast path of ordinary entities
        }
        List<Denial> denials = purposes.denials(purposeBound, subjectId, scope);
        if (denials.isEmpty() && !read.sensitive()) {
            masks.record(entity, List.of()); // forgets an earlier mask of a reloaded instance
            return LoadOutcome.ALLOWED; // consent in force for ordinary data: nothing masked or audited
        }
        String entityId = String.valueOf(subjects.entityId(entity));

        List<Denial> refused = denials.stream().filter(d -> d.attribute().whenDenied() == DeniedAccess.REFUSE).toList();
        if (!refused.isEmpty()) {
            boolean consentOnly = refused.stream().allMatch(d -> d.attribute().consentRequired());
            throw audits.refuse(row -> consentOnly
                            ? JpaMessages.readRefused(mapping.entityName(), row, String.join(", ", names(refused)))
                            : JpaMessages.readRefusedForPurpose(mapping.entityName(), row,
                                    String.join(", ", names(refused))),
                    AuditAction.READ_DENIED, mapping, subjectId, entityId, names(refused),
                    refused.stream().map(d -> d.reason()).toList(), scope);
        }
        List<String> masked = new ArrayList<>();
        for (Denial denial : denials) {
            masked.add(denial.attribute().name());
            masked.addAll(denial.attribute().derivedCopies());
        }
        masked = List.copyOf(new LinkedHashSet<>(masked));
        for (String attribute : masked) {
            AttributeAccess.set(entity, attribute, null);
        }
        masks.record(entity, masked);
        if (!masked.isEmpty()) {
            audits.audit(AuditAction.READ_MASKED, AuditOutcome.DENIED, mapping, subjectId, entityId, masked,
                    denials.get(0).reason().code(), scope);
        }
        List<String> sensitiveRead = masked.isEmpty() ? read.sensitiveNames()
                : sensitiveRead(mapping, Set.copyOf(masked));
        if (!sensitiveRead.isEmpty()) {
            audits.audit(AuditAction.READ, AuditOutcome.PERMITTED, mapping, subjectId, entityId, sensitiveRead, "",
                    scope);
        }
        return new LoadOutcome(masked);
    }

    /** The names of the special-category attributes of {@code mapping} not in {@code masked}. */
    private static List<String> sensitiveRead(EntityMapping mapping, Set<String> masked) {
        return mapping.model().attributes().stream().filter(a -> a.category().sensitive()
                && !masked.contains(a.name())).map(PersonalDataAttribute::name).toList();
    }

    /**
     * Reads, into {@code scope}, the restriction and consent state of the subjects of {@code entities} at once: the
     * rows of one query result about to be decided with {@link #afterLoad(Object, ReadScope)}, with one query of
     * what changed since the node last read them. A failure is not reported here: each row then looks up on its
     * own, and is refused with the reason.
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
                            .anyMatch(a -> purposes.needsConsent(a, purpose));
                }
            }
            scope.prefetch(subjectIds, decisions, consent && purpose.isPresent());
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
        writes.beforeWrite(entity, kind, written);
    }

    /**
     * The consent-based attributes of {@code fields} that {@code entity} holds a value of without the subject's
     * consent in force for the purpose in effect (or with no purpose in effect), with why: such a write is
     * allowed, and its audit record says so. A write under a purpose that needs consent whatever the data's basis
     * is refused before this ({@code CUSTOS-04520}).
     */
    public Optional<Message> writtenWithoutConsent(Object entity, EntityMapping mapping, List<String> fields) {
        return writes.writtenWithoutConsent(entity, mapping, fields);
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
        writes.refuseMaskedWrites(entity);
    }

    /**
     * Appends the read audits {@code scope} collected ({@link ReadScope#collectAudits}) in one transaction of their
     * own. Adapters call it before any row of the scope's result reaches the caller.
     *
     * @throws RuntimeException when they cannot be appended: the result must then not be handed out
     */
    public void appendCollected(ReadScope scope) {
        audits.appendCollected(scope);
    }
}

