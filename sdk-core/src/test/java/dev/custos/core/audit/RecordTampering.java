// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Named;

/** Every way of changing a single component of a stored record, each to a value that differs. */
final class RecordTampering {

    private RecordTampering() {
    }

    static List<Named<UnaryOperator<AuditRecord>>> all() {
        List<Named<UnaryOperator<AuditRecord>>> all = new ArrayList<>();
        all.add(Named.of("sequence", r -> new AuditRecord(r.sequence() + 1, r.event(), r.previousHash(), r.hash())));
        all.add(Named.of("previousHash",
                r -> new AuditRecord(r.sequence(), r.event(), flip(r.previousHash()), r.hash())));
        all.add(Named.of("hash", r -> new AuditRecord(r.sequence(), r.event(), r.previousHash(), flip(r.hash()))));
        all.add(event("occurredAt", e -> copy(e, e.occurredAt().plusNanos(1000), e.actor(), e.subjectRef(), e.action(),
                e.entity(), e.entityId(), e.fields(), e.purpose(), e.basis(), e.outcome(), e.detail())));
        all.add(event("occurredAt seconds", e -> copy(e, e.occurredAt().minusSeconds(3600), e.actor(), e.subjectRef(),
                e.action(), e.entity(), e.entityId(), e.fields(), e.purpose(), e.basis(), e.outcome(), e.detail())));
        all.add(event("actor", e -> copy(e, e.occurredAt(), e.actor() + "x", e.subjectRef(), e.action(), e.entity(),
                e.entityId(), e.fields(), e.purpose(), e.basis(), e.outcome(), e.detail())));
        all.add(event("subjectRef", e -> copy(e, e.occurredAt(), e.actor(), e.subjectRef().substring(0, e.subjectRef().length() - 1) + (e.subjectRef().endsWith("0") ? "1" : "0"), e.action(),
                e.entity(), e.entityId(), e.fields(), e.purpose(), e.basis(), e.outcome(), e.detail())));
        all.add(event("action", e -> copy(e, e.occurredAt(), e.actor(), e.subjectRef(), next(e.action()), e.entity(),
                e.entityId(), e.fields(), e.purpose(), e.basis(), e.outcome(), e.detail())));
        all.add(event("entity", e -> copy(e, e.occurredAt(), e.actor(), e.subjectRef(), e.action(), e.entity() + "s",
                e.entityId(), e.fields(), e.purpose(), e.basis(), e.outcome(), e.detail())));
        all.add(event("entityId", e -> copy(e, e.occurredAt(), e.actor(), e.subjectRef(), e.action(), e.entity(),
                e.entityId() + "9", e.fields(), e.purpose(), e.basis(), e.outcome(), e.detail())));
        all.add(event("fields added", e -> copy(e, e.occurredAt(), e.actor(), e.subjectRef(), e.action(), e.entity(),
                e.entityId(), plus(e.fields(), "iban"), e.purpose(), e.basis(), e.outcome(), e.detail())));
        all.add(event("fields emptied", e -> copy(e, e.occurredAt(), e.actor(), e.subjectRef(), e.action(),
                e.entity(), e.entityId(), e.fields().isEmpty() ? List.of("") : List.of(), e.purpose(), e.basis(),
                e.outcome(), e.detail())));
        all.add(event("purpose", e -> copy(e, e.occurredAt(), e.actor(), e.subjectRef(), e.action(), e.entity(),
                e.entityId(), e.fields(), e.purpose() + "-and-marketing", e.basis(), e.outcome(), e.detail())));
        all.add(event("basis", e -> copy(e, e.occurredAt(), e.actor(), e.subjectRef(), e.action(), e.entity(),
                e.entityId(), e.fields(), e.purpose(), e.basis().isEmpty() ? "CONSENT" : "", e.outcome(), e.detail())));
        all.add(event("outcome", e -> copy(e, e.occurredAt(), e.actor(), e.subjectRef(), e.action(), e.entity(),
                e.entityId(), e.fields(), e.purpose(), e.basis(), next(e.outcome()), e.detail())));
        all.add(event("detail", e -> copy(e, e.occurredAt(), e.actor(), e.subjectRef(), e.action(), e.entity(),
                e.entityId(), e.fields(), e.purpose(), e.basis(), e.outcome(), e.detail() + ".")));
        return all;
    }

    private static Named<UnaryOperator<AuditRecord>> event(String name, UnaryOperator<AuditEvent> change) {
        return Named.of(name, r -> new AuditRecord(r.sequence(), change.apply(r.event()), r.previousHash(), r.hash()));
    }

    private static AuditEvent copy(AuditEvent original, Instant occurredAt, String actor, String subjectRef,
                                   AuditAction action, String entity, String entityId, List<String> fields,
                                   String purpose, String basis, AuditOutcome outcome, String detail) {
        AuditEvent changed = new AuditEvent(occurredAt, actor, subjectRef, action, entity, entityId, fields, purpose,
                basis, outcome, detail);
        if (changed.equals(original)) {
            throw new IllegalStateException("tampering left the event unchanged: " + original);
        }
        return changed;
    }

    private static List<String> plus(List<String> fields, String field) {
        List<String> more = new ArrayList<>(fields);
        more.add(field);
        return more;
    }

    private static AuditAction next(AuditAction action) {
        AuditAction[] all = AuditAction.values();
        return all[(action.ordinal() + 1) % all.length];
    }

    private static AuditOutcome next(AuditOutcome outcome) {
        AuditOutcome[] all = AuditOutcome.values();
        return all[(outcome.ordinal() + 1) % all.length];
    }

    private static String flip(String hex) {
        char last = hex.charAt(hex.length() - 1);
        return hex.substring(0, hex.length() - 1) + (last == '0' ? '1' : '0');
    }
}
