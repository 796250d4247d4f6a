// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.retention;

import dev.custos.core.CustosException;
import dev.custos.core.annotation.ErasureStrategy;
import dev.custos.core.consent.ConsentEvaluator;
import dev.custos.core.consent.ConsentEvent;
import dev.custos.core.consent.ConsentStatus;
import dev.custos.core.retention.AnchorValues;
import dev.custos.core.retention.LegalHold;
import dev.custos.core.retention.RecordState;
import dev.custos.core.retention.RetentionDecision;
import dev.custos.core.retention.RetentionDecision.Status;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.internal.Erasure;
import dev.custos.jpa.internal.TransactionConnection;
import dev.custos.jpa.store.ConsentLedger;
import dev.custos.jpa.store.LegalHoldStore;
import dev.custos.jpa.store.SubjectKeys;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One batch of one sweep group, in one transaction: read the candidates, read their holds, consent and earlier
 * erasures, decide, erase the due rows, log and audit them. Thread-safe (stateless between calls).
 */
final class BatchWork {

    /** The actor of the sweep's audit records. */
    static final String ACTOR = "custos-retention-sweep";

    private static final int ATTEMPTS = 3;

    private final CustosRuntime runtime;
    private final SubjectKeys keys;
    private final ConsentLedger ledger;
    private final ConsentEvaluator consent;
    private final LegalHoldStore holds = new LegalHoldStore();
    private final Erasure erasure;

    private final List<SweepGroup> shredGroups;

    BatchWork(CustosRuntime runtime, List<SweepGroup> groups) {
        this.runtime = runtime;
        this.shredGroups = groups.stream().filter(g -> g.strategy() == ErasureStrategy.CRYPTO_SHRED).toList();
        this.keys = new SubjectKeys(runtime.clock());
        this.ledger = new ConsentLedger(keys, runtime.clock());
        this.consent = new ConsentEvaluator(runtime.clock());
        this.erasure = new Erasure(runtime.clock());
    }

    /** What a batch did; {@code lastId} is the keyset position for the next batch. */
    record Result(int candidates, int erased, int alreadyErased, Map<Status, Integer> kept, Object lastId) {
        int keptTotal() {
            return alreadyErased + kept.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private record Row(Object id, String idText, String subjectId, Object anchor, List<Object> values) {
    }

    /**
     * Runs one batch after keyset position {@code last} (null for the first).
     *
     * @param dryRun    decide only, and roll back
     * @param prefilter narrow candidates by the anchor cutoff (the sweep); false lists every row (the preview)
     * @param preview   where to add a preview entry per decided row, or null
     */
    Result run(SweepGroup group, Object last, int size, int batch, String runId, boolean dryRun, boolean prefilter,
               List<PreviewEntry> preview) {
        for (int attempt = 1; ; attempt++) {
            EntityManager em = runtime.entityManagerFactory().createEntityManager();
            try {
                em.getTransaction().begin();
                Result result = inTransaction(em, group, last, size, runId, dryRun, prefilter, preview);
                if (dryRun) {
                    em.getTransaction().rollback();
                } else {
                    em.getTransaction().commit();
                    if (group.strategy() == ErasureStrategy.CRYPTO_SHRED && result.erased() > 0) {
                        // no statement ran, so nothing invalidated the shared cache: it would keep the plaintext
                        shredGroups.forEach(g -> runtime.entityManagerFactory().getCache().evict(g.mapping().type()));
                    }
                }
                return result;
            } catch (Erasure.AlreadyLogged e) {
                // another sweeper logged one of this batch's rows first: roll back and retry
                if (attempt >= ATTEMPTS) {
                    throw new CustosException(SweepMessages.concurrentErasure(group.mapping().entityName(),
                            Integer.toString(batch), Integer.toString(attempt)));
                }
            } catch (RuntimeException e) {
                throw new CustosException(SweepMessages.batchFailed(group.mapping().entityName(),
                        Integer.toString(batch), String.valueOf(e)), e);
            } finally {
                if (em.getTransaction().isActive()) {
                    em.getTransaction().rollback();
                }
                em.close();
            }
        }
    }

    private Result inTransaction(EntityManager em, SweepGroup group, Object last, int size, String runId,
                                 boolean dryRun, boolean prefilter, List<PreviewEntry> preview) {
        Instant now = runtime.clock().instant();
        // First, so that EclipseLink runs the candidate query and the erasure on this same connection.
        Connection connection = TransactionConnection.of(em);
        List<Row> rows = candidates(em, group, last, size, prefilter, now);
        if (rows.isEmpty()) {
            return new Result(0, 0, 0, Map.of(), last);
        }
        String entity = group.mapping().entityName();
        Map<String, String> subjects = new LinkedHashMap<>();
        rows.stream().filter(r -> r.subjectId() != null).forEach(r -> subjects.put(r.idText(), r.subjectId()));
        Map<String, List<LegalHold>> rowHolds = holds.activeForRows(connection, entity, subjects, now);
        Map<String, List<ConsentEvent>> events = group.consentBased()
                ? ledger.events(connection, subjects.values()) : Map.of();
        Set<String> logged = erasure.logged(connection, group.scope(), group.rule().id(),
                rows.stream().map(Row::idText).toList());

        Map<Status, Integer> kept = new EnumMap<>(Status.class);
        List<Row> due = new ArrayList<>();
        Map<Row, RetentionDecision> decisions = new LinkedHashMap<>();
        int alreadyErased = 0;
        for (Row row : rows) {
            if (logged.contains(row.idText())) {
                alreadyErased++;
                continue;
            }
            RecordState state = new RecordState(
                    AnchorValues.toInstant(row.anchor(), runtime.pack().zone()),
                    consentStatus(group, row.subjectId(), events), rowHolds.getOrDefault(row.idText(), List.of()));
            RetentionDecision decision = runtime.retention().decide(group.rule(), state);
            if (preview != null) {
                preview.add(new PreviewEntry(entity, row.idText(), group.rule().id(), group.erasedNames(),
                        group.strategy(), decision.dueAt(), decision.status(), decision.detail()));
            }
            boolean erasable = decision.erasable() && !(row.subjectId() == null
                    && (group.strategy() == ErasureStrategy.PSEUDONYMIZE || group.strategy() == ErasureStrategy.CRYPTO_SHRED));
            if (erasable) {
                due.add(row);
                decisions.put(row, decision);
            } else {
                // a row without a subject has no key to pseudonymise under: kept, as undetermined
                kept.merge(decision.erasable() ? Status.UNDETERMINED : decision.status(), 1, Integer::sum);
            }
        }
        if (group.strategy() == ErasureStrategy.CRYPTO_SHRED && !due.isEmpty()) {
            // shredding a subject's key erases all its CRYPTO_SHRED values: only when every one of them is due
            Map<String, Status> blocked = new LinkedHashMap<>();
            for (String subject : due.stream().map(Row::subjectId).distinct().toList()) {
                blockingStatus(em, connection, subject, now).ifPresent(status -> blocked.put(subject, status));
            }
            for (java.util.Iterator<Row> it = due.iterator(); it.hasNext(); ) {
                Row row = it.next();
                Status status = blocked.get(row.subjectId());
                if (status != null) {
                    it.remove();
                    decisions.remove(row);
                    kept.merge(status, 1, Integer::sum);
                }
            }
        }
        if (!dryRun && !due.isEmpty()) {
            erase(em, connection, group, due, decisions, runId, now);
        }
        return new Result(rows.size(), due.size(), alreadyErased, kept, rows.get(rows.size() - 1).id());
    }

    /**
     * Why the subject's data key must stay: the status of one of its CRYPTO_SHRED rows (any entity, any rule)
     * that is neither erasable now nor logged as erased; empty when the key may be shredded.
     */
    private Optional<Status> blockingStatus(EntityManager em, Connection connection, String subjectId, Instant now) {
        for (SweepGroup other : shredGroups) {
            Optional<Object> subject = subjectValue(other, subjectId);
            if (subject.isEmpty()) {
                continue;
            }
            List<Row> rows = new ArrayList<>();
            for (Object result : em.createQuery(other.subjectJpql()).setParameter("subject", subject.get())
                    .getResultList()) {
                Object[] columns = (Object[]) result;
                rows.add(new Row(columns[0], String.valueOf(columns[0]), subjectId,
                        other.anchor().isEmpty() ? null : columns[2], List.of()));
            }
            if (rows.isEmpty()) {
                continue;
            }
            String entity = other.mapping().entityName();
            Map<String, String> subjects = new LinkedHashMap<>();
            rows.forEach(r -> subjects.put(r.idText(), subjectId));
            Map<String, List<LegalHold>> rowHolds = holds.activeForRows(connection, entity, subjects, now);
            Map<String, List<ConsentEvent>> events = other.consentBased()
                    ? ledger.events(connection, List.of(subjectId)) : Map.of();
            Set<String> logged = erasure.logged(connection, other.scope(), other.rule().id(),
                    rows.stream().map(Row::idText).toList());
            for (Row row : rows) {
                if (logged.contains(row.idText())) {
                    continue;
                }
                RetentionDecision decision = runtime.retention().decide(other.rule(), new RecordState(
                        AnchorValues.toInstant(row.anchor(), runtime.pack().zone()),
                        consentStatus(other, subjectId, events), rowHolds.getOrDefault(row.idText(), List.of())));
                if (!decision.erasable()) {
                    return Optional.of(decision.status());
                }
            }
        }
        return Optional.empty();
    }

    /** The subject id as a value of the group's subject attribute, or empty when it cannot be one. */
    private Optional<Object> subjectValue(SweepGroup group, String subjectId) {
        jakarta.persistence.metamodel.ManagedType<?> type = runtime.entityManagerFactory().getMetamodel()
                .entity(group.mapping().type());
        Class<?> javaType = null;
        for (String name : group.mapping().subjectPath().split("\\.")) {
            jakarta.persistence.metamodel.Attribute<?, ?> attribute = type.getAttribute(name);
            javaType = attribute.getJavaType();
            if (attribute instanceof jakarta.persistence.metamodel.SingularAttribute<?, ?> singular
                    && singular.getType() instanceof jakarta.persistence.metamodel.ManagedType<?> managed) {
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
            if (javaType == java.util.UUID.class) {
                return Optional.of(java.util.UUID.fromString(subjectId));
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return javaType == String.class ? Optional.of(subjectId) : Optional.empty();
    }

    private List<Row> candidates(EntityManager em, SweepGroup group, Object last, int size, boolean prefilter,
                                 Instant now) {
        Query query = em.createQuery(group.selectJpql(last != null, prefilter));
        if (last != null) {
            query.setParameter("last", last);
        }
        if (prefilter && group.anchorPrefilter()) {
            query.setParameter("cutoff", group.cutoff(now, runtime.pack().zone()));
        }
        query.setMaxResults(size);
        List<Row> rows = new ArrayList<>();
        int valuesFrom = group.anchor().isEmpty() ? 2 : 3;
        for (Object result : query.getResultList()) {
            Object[] columns = (Object[]) result;
            List<Object> values = new ArrayList<>();
            for (int i = valuesFrom; i < columns.length; i++) {
                values.add(columns[i]);
            }
            rows.add(new Row(columns[0], String.valueOf(columns[0]),
                    columns[1] == null ? null : String.valueOf(columns[1]),
                    group.anchor().isEmpty() ? null : columns[2], values));
        }
        return rows;
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

    private void erase(EntityManager em, Connection connection, SweepGroup group, List<Row> due,
                       Map<Row, RetentionDecision> decisions, String runId, Instant now) {
        List<Erasure.Target> targets = new ArrayList<>(due.size());
        for (Row row : due) {
            RetentionDecision decision = decisions.get(row);
            targets.add(new Erasure.Target(row.id(), row.subjectId(), row.values(), decision.dueAt().orElse(now),
                    "rule " + group.rule().id() + ", " + group.strategy() + ", " + decision.detail().code()));
        }
        erasure.erase(em, connection, group.scope(), targets, new Erasure.Reason(group.rule().id(), runId, ACTOR, "",
                group.rule().basis().citation(), now));
    }
}
