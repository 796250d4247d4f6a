// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.retention;

import dev.custos.core.consent.ConsentEvaluator;
import dev.custos.core.consent.ConsentEvent;
import dev.custos.core.consent.ConsentEventType;
import dev.custos.core.consent.ConsentStatus;
import dev.custos.core.retention.AnchorValues;
import dev.custos.core.retention.LegalHold;
import dev.custos.core.retention.RecordState;
import dev.custos.core.retention.RetentionDecision;
import dev.custos.core.retention.RetentionDecision.Status;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.internal.Erasure;
import dev.custos.jpa.internal.store.ConsentLedger;
import dev.custos.jpa.internal.store.LegalHoldStore;
import dev.custos.jpa.internal.store.SubjectKeys;
import jakarta.persistence.EntityManager;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.ManagedType;
import jakarta.persistence.metamodel.SingularAttribute;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Decides rows of a sweep group: reads their legal holds, consent events and earlier erasures, asks the
 * retention engine, and for CRYPTO_SHRED checks that all of each subject's shredded data is due. A batch runs it
 * twice in its transaction: on the candidates as read, and again on the due rows once they are locked (the
 * re-check), which also counts every unreleased hold and consent given after its clock reading, so that any
 * doubt keeps the data. Thread-safe (stateless between calls).
 */
final class DueCheck {

    /**
     * What was decided.
     *
     * @param due           the rows to erase, in the order given
     * @param decisions     the engine's decision per due row
     * @param kept          the rows kept, by status
     * @param alreadyErased the rows whose erasure is logged already
     * @param review        the rows kept for a person's decision (status REVIEW), with the engine's decision
     */
    record Verdict(List<SweepRow> due, Map<SweepRow, RetentionDecision> decisions, Map<Status, Integer> kept,
                   int alreadyErased, Map<SweepRow, RetentionDecision> review) {

        int keptTotal() {
            return kept.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final CustosRuntime runtime;
    private final SweepRows reader;
    private final List<SweepGroup> shredGroups;
    private final ConsentLedger ledger;
    private final ConsentEvaluator consent;
    private final LegalHoldStore holds = new LegalHoldStore();
    private final Erasure erasure;

    DueCheck(CustosRuntime runtime, SweepRows reader, List<SweepGroup> shredGroups) {
        this.runtime = runtime;
        this.reader = reader;
        this.shredGroups = shredGroups;
        this.ledger = new ConsentLedger(new SubjectKeys(runtime.clock()), runtime.clock());
        this.consent = new ConsentEvaluator(runtime.clock());
        this.erasure = new Erasure(runtime.clock(), runtime.transactions());
    }

    /**
     * Decides {@code rows} at {@code now}.
     *
     * @param recheck the re-check under lock: also lock the subjects' other CRYPTO_SHRED rows, and keep rows
     *                with any unreleased hold or with consent given after {@code now}
     * @param preview where to add a preview entry per decided row, or null
     */
    Verdict decide(EntityManager em, Connection connection, SweepGroup group, List<SweepRow> rows, Instant now,
                   boolean recheck, List<PreviewEntry> preview) {
        return decide(em, connection, group, rows, now, recheck, preview, true);
    }

    /**
     * As above; without {@code lookUpLog} no row is looked up in the erasure log (none counts as erased already),
     * where the log's unique key stands in for the look-up ({@link SweepGroup#skipsLogLookUp()}).
     */
    Verdict decide(EntityManager em, Connection connection, SweepGroup group, List<SweepRow> rows, Instant now,
                   boolean recheck, List<PreviewEntry> preview, boolean lookUpLog) {
        Facts facts = facts(connection, group, rows, now, recheck, lookUpLog);
        Map<Status, Integer> kept = new EnumMap<>(Status.class);
        List<SweepRow> due = new ArrayList<>();
        Map<SweepRow, RetentionDecision> decisions = new LinkedHashMap<>();
        Map<SweepRow, RetentionDecision> review = new LinkedHashMap<>();
        int alreadyErased = 0;
        for (SweepRow row : rows) {
            if (facts.logged().contains(row.idText())) {
                alreadyErased++;
                continue;
            }
            RetentionDecision decision = decision(group, row, facts);
            if (preview != null) {
                for (Erasure.Scope scope : group.scopes()) {
                    preview.add(new PreviewEntry(group.mapping().entityName(), row.idText(), group.rule().id(),
                            scope.erasedNames(), scope.strategy(), decision.dueAt(), decision.status(),
                            decision.detail()));
                }
            }
            Status keep = keepStatus(group, row, facts, decision, now, recheck);
            if (keep == null) {
                due.add(row);
                decisions.put(row, decision);
            } else {
                kept.merge(keep, 1, Integer::sum);
                if (keep == Status.REVIEW) {
                    review.put(row, decision);
                }
            }
        }
        if (group.shreds() && !due.isEmpty()) {
            // shredding a subject's key erases all its CRYPTO_SHRED values: only when every one of them is due
            Map<String, Status> blocked = new LinkedHashMap<>();
            for (String subject : due.stream().map(SweepRow::subjectId).distinct().toList()) {
                blockingStatus(em, connection, subject, now, recheck).ifPresent(status -> blocked.put(subject, status));
            }
            due.removeIf(row -> {
                Status status = blocked.get(row.subjectId());
                if (status != null) {
                    decisions.remove(row);
                    kept.merge(status, 1, Integer::sum);
                }
                return status != null;
            });
        }
        return new Verdict(due, decisions, kept, alreadyErased, review);
    }

    /** What the decisions of a group's rows rest on, read in a few queries. */
    private record Facts(Map<String, List<LegalHold>> holds, Map<String, List<ConsentEvent>> events,
                         Set<String> logged) {
    }

    private Facts facts(Connection connection, SweepGroup group, List<SweepRow> rows, Instant now, boolean recheck,
                        boolean lookUpLog) {
        String entity = group.mapping().entityName();
        Map<String, String> subjects = new LinkedHashMap<>();
        rows.stream().filter(r -> r.subjectId() != null).forEach(r -> subjects.put(r.idText(), r.subjectId()));
        return new Facts(recheck ? holds.unreleasedForRows(connection, entity, subjects, now)
                : holds.activeForRows(connection, entity, subjects, now),
                group.consentBased() ? ledger.events(connection, subjects.values()) : Map.of(),
                lookUpLog ? logged(connection, group, rows.stream().map(SweepRow::idText).toList()) : Set.of());
    }

    /** The rows whose erasure is logged under every scope of the group: erased already. */
    private Set<String> logged(Connection connection, SweepGroup group, List<String> ids) {
        Set<String> logged = null;
        for (Erasure.Scope scope : group.scopes()) {
            Set<String> inScope = erasure.logged(connection, scope, group.rule().id(), ids);
            if (logged == null) {
                logged = new HashSet<>(inScope);
            } else {
                logged.retainAll(inScope);
            }
        }
        return logged;
    }

    private RetentionDecision decision(SweepGroup group, SweepRow row, Facts facts) {
        return runtime.retention().decide(group.rule(), new RecordState(
                AnchorValues.toInstant(row.anchor(), runtime.pack().zone()),
                consentStatus(group, row.subjectId(), facts.events()),
                facts.holds().getOrDefault(row.idText(), List.of())));
    }

    /** Why the row must be kept, or null when it may be erased. */
    private static Status keepStatus(SweepGroup group, SweepRow row, Facts facts, RetentionDecision decision,
                                     Instant now, boolean recheck) {
        if (!decision.erasable()) {
            return decision.status();
        }
        if (recheck && facts.holds().containsKey(row.idText())) {
            return Status.HELD; // placed after the engine's clock reading, or by a node whose clock runs ahead
        }
        if (recheck && givenAfter(group, row.subjectId(), facts.events(), now)) {
            return Status.RETAINED; // given again, stamped later than our clock: it may be in force already
        }
        // a row without a subject has no key to pseudonymise or shred under: kept whole, as undetermined
        return row.subjectId() == null && group.needsSubject() ? Status.UNDETERMINED : null;
    }

    /**
     * Why the subject's data key must stay: the status of one of its CRYPTO_SHRED rows (any entity, any rule)
     * that is neither erasable now nor logged as erased; empty when the key may be shredded.
     */
    private Optional<Status> blockingStatus(EntityManager em, Connection connection, String subjectId, Instant now,
                                            boolean recheck) {
        for (SweepGroup other : shredGroups) {
            Optional<Object> subject = subjectValue(other, subjectId);
            if (subject.isEmpty()) {
                continue;
            }
            List<SweepRow> rows = reader.ofSubject(em, other, subject.get());
            if (recheck && !rows.isEmpty()) {
                // the key erases these rows too: lock them as well, and decide on what they hold now
                rows = reader.lockAndRead(em, other, rows.stream().map(SweepRow::id).toList());
            }
            if (rows.isEmpty()) {
                continue;
            }
            Facts facts = facts(connection, other, rows, now, recheck, true);
            for (SweepRow row : rows) {
                if (!facts.logged().contains(row.idText())) {
                    Status keep = keepStatus(other, row, facts, decision(other, row, facts), now, recheck);
                    if (keep != null) {
                        return Optional.of(keep);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Whether the subject's consent to one of the group's purposes was given with a time after {@code now}. */
    private static boolean givenAfter(SweepGroup group, String subjectId, Map<String, List<ConsentEvent>> events,
                                      Instant now) {
        return group.consentBased() && subjectId != null && events.getOrDefault(subjectId, List.of()).stream()
                .anyMatch(e -> e.type() == ConsentEventType.GIVEN && e.at().isAfter(now)
                        && group.purposes().contains(e.purpose()));
    }

    /**
     * Consent across the group's purposes: active if any is active, ended (at the latest end) if all ended,
     * otherwise unknown, which keeps the data.
     */
    private ConsentStatus consentStatus(SweepGroup group, String subjectId, Map<String, List<ConsentEvent>> events) {
        if (!group.consentBased() || subjectId == null) {
            return ConsentStatus.unknown();
        }
        List<ConsentEvent> subjectEvents = events.getOrDefault(subjectId, List.of());
        Optional<Instant> ended = Optional.empty();
        boolean allEnded = true;
        for (String purpose : group.purposes()) {
            ConsentStatus status = consent.status(subjectEvents, subjectId, purpose);
            if (status.state() == ConsentStatus.State.ACTIVE) {
                return status;
            }
            if (status.state() == ConsentStatus.State.UNKNOWN) {
                allEnded = false;
            } else if (ended.isEmpty() || status.endedAt().get().isAfter(ended.get())) {
                ended = status.endedAt();
            }
        }
        return allEnded && ended.isPresent() ? ConsentStatus.endedAt(ended.get()) : ConsentStatus.unknown();
    }

    /** The subject id as a value of the group's subject attribute, or empty when it cannot be one. */
    private Optional<Object> subjectValue(SweepGroup group, String subjectId) {
        ManagedType<?> type = runtime.entityManagerFactory().getMetamodel().entity(group.mapping().type());
        Class<?> javaType = null;
        for (String name : group.mapping().subjectPath().split("\\.")) {
            Attribute<?, ?> attribute = type.getAttribute(name);
            javaType = attribute.getJavaType();
            if (attribute instanceof SingularAttribute<?, ?> singular
                    && singular.getType() instanceof ManagedType<?> managed) {
                type = managed;
            }
        }
        try {
            if (javaType == Long.class || javaType == long.class) {
                return Optional.of(Long.valueOf(subjectId));
            }
            if (javaType == Integer.class || javaType == int.class) {
                return Optional.of(Integer.valueOf(subjectId));
            }
            if (javaType == UUID.class) {
                return Optional.of(UUID.fromString(subjectId));
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return javaType == String.class ? Optional.of(subjectId) : Optional.empty();
    }
}
