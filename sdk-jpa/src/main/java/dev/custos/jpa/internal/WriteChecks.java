// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import static dev.custos.jpa.internal.PurposeDenials.names;
import static dev.custos.jpa.internal.PurposeDenials.purposeBound;

import dev.custos.core.Message;
import dev.custos.core.audit.AuditAction;
import dev.custos.core.metadata.PersonalDataAttribute;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.EntityMapping;
import dev.custos.jpa.access.AccessKind;
import dev.custos.jpa.access.ProcessingContext;
import dev.custos.jpa.internal.PurposeDenials.Denial;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The access guard's checks of a write: purposes, the consent a purpose needs, masked attributes. Thread-safe. */
final class WriteChecks {

    private final CustosRuntime runtime;
    private final SubjectResolver subjects;
    private final MaskedAttributes masks;
    private final PurposeDenials purposes;
    private final EntityRefusals entities;
    private final AccessAudit audits;

    WriteChecks(CustosRuntime runtime, SubjectResolver subjects, MaskedAttributes masks, PurposeDenials purposes,
                EntityRefusals entities, AccessAudit audits) {
        this.runtime = runtime;
        this.subjects = subjects;
        this.masks = masks;
        this.purposes = purposes;
        this.entities = entities;
        this.audits = audits;
    }

    /** See {@link AccessGuard#beforeWrite(Object, AccessKind, Collection)}. */
    void beforeWrite(Object entity, AccessKind kind, Collection<String> written) {
        Optional<EntityMapping> found = runtime.mapping(entity.getClass());
        if (found.isEmpty()) {
            return;
        }
        EntityMapping mapping = found.get();
        entities.refuseNoContent(kind, entity, mapping, null);
        entities.enforcePolicies(kind, entity, mapping, null);
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
        throw audits.refuse(row -> purpose.isEmpty()
                        ? JpaMessages.writeRefusedWithoutPurpose(what, mapping.entityName(), row, attributes)
                        : JpaMessages.writeRefusedForPurpose(what, mapping.entityName(), row, attributes),
                AuditAction.WRITE_DENIED, mapping, subjectId, entityId, names(denials),
                denials.stream().map(d -> d.reason()).toList(), null);
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
                .filter(a -> !a.consentRequired() && purposes.needsConsent(a, purpose)).toList();
        String subjectId = bound.isEmpty() ? null : subjects.subjectId(entity, mapping);
        List<Denial> denials = purposes.denials(bound, subjectId, null);
        if (denials.isEmpty()) {
            return;
        }
        String entityId = String.valueOf(subjects.entityId(entity));
        String verb = kind.name().toLowerCase(java.util.Locale.ROOT);
        throw audits.refuse(
                row -> JpaMessages.writeWithoutPurposeConsent(verb, mapping.entityName(), row, purpose.get()),
                AuditAction.WRITE_DENIED, mapping, subjectId, entityId, names(denials),
                denials.stream().map(d -> d.reason()).toList(), null);
    }

    /** See {@link AccessGuard#writtenWithoutConsent}. */
    Optional<Message> writtenWithoutConsent(Object entity, EntityMapping mapping, List<String> fields) {
        List<PersonalDataAttribute> written = mapping.model().attributes().stream()
                .filter(a -> a.consentRequired() && fields.contains(a.name())
                        && AttributeAccess.get(entity, a.name()) != null)
                .toList();
        if (written.isEmpty() || runtime.currentCaller().system()) {
            return Optional.empty();
        }
        List<Denial> missing = purposes.denials(written, subjects.subjectId(entity, mapping), null);
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(JpaMessages.writtenWithoutConsent(String.join(", ", names(missing)), missing.stream()
                .map(d -> d.reason().code()).distinct().sorted().collect(Collectors.joining(", "))));
    }

    /** See {@link AccessGuard#refuseMaskedWrites}. */
    void refuseMaskedWrites(Object entity) {
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
        List<Denial> denials = purposes.denials(sources, subjectId, null);
        if (denials.isEmpty()) {
            return;
        }
        Set<String> denied = new LinkedHashSet<>();
        for (Denial denial : denials) {
            denied.add(denial.attribute().name());
            denied.addAll(denial.attribute().derivedCopies());
        }
        List<String> refused = overwritten.stream().filter(denied::contains).toList();
        String entityId = String.valueOf(subjects.entityId(entity));
        throw audits.refuse(
                row -> JpaMessages.maskedWriteRefused(mapping.entityName(), row, String.join(", ", refused)),
                AuditAction.WRITE_DENIED, mapping, subjectId, entityId, refused,
                denials.stream().map(d -> d.reason()).toList(), null);
    }
}
