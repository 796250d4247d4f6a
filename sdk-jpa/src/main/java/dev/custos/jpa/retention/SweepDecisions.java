// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.retention;

import dev.custos.core.CustosException;
import dev.custos.core.annotation.ErasureStrategy;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.internal.DecisionAudit;
import dev.custos.jpa.internal.Erasure;
import dev.custos.jpa.internal.SanitizedCause;
import dev.custos.jpa.internal.StoreBackedAudit;
import dev.custos.jpa.internal.store.AuditTrail;
import dev.custos.jpa.internal.store.DecisionStore;
import dev.custos.jpa.request.Decision;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Decisions on the erasure lines a sweep left for review, and the erasures they order. Thread-safe. */
final class SweepDecisions {

    private final CustosRuntime runtime;
    private final List<SweepGroup> groups;
    private final DecisionStore decisions = new DecisionStore();
    private final Erasure erasure;
    private final AuditTrail writes;

    SweepDecisions(CustosRuntime runtime, List<SweepGroup> groups) {
        this.runtime = runtime;
        this.groups = groups;
        this.erasure = new Erasure(runtime.clock(), runtime.transactions());
        this.writes = new AuditTrail(StoreBackedAudit.WRITE_CHAIN, runtime.clock(), runtime.transactions());
    }

    /** See {@link RetentionSweeper#decide}. */
    void decide(Decision line, Decision.Outcome outcome, String reason, String decidedBy) {
        if (line.origin() != Decision.Origin.SWEEP) {
            throw new IllegalArgumentException("not a sweep's line: " + line.id());
        }
        SweepGroup group = outcome == Decision.Outcome.KEEP ? null : groups.stream()
                .filter(g -> g.mapping().entityName().equals(line.entity()) && g.rule().id().equals(line.ruleId())
                        && g.erasedNames().equals(line.attributes())).findFirst()
                .orElseThrow(() -> new CustosException(SweepMessages.decisionGroupGone(line.id(), line.entity(),
                        line.ruleId(), String.join(", ", line.attributes()))));
        try {
            runtime.transactions().inUnitTransaction(runtime.entityManagerFactory(), runtime.dataSource(),
                    (em, connection) -> {
                        Instant now = runtime.clock().instant();
                        if (!decisions.decide(connection, line.id(), outcome, reason, decidedBy, now)) {
                            throw new CustosException(SweepMessages.decidedMeanwhile(line.id()));
                        }
                        writes.append(connection, DecisionAudit.event(runtime, line, outcome, reason, decidedBy, "",
                                now));
                        if (group != null) {
                            eraseDecided(em, connection, group, line, decidedBy, now);
                        }
                        return null;
                    });
        } catch (CustosException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CustosException(SweepMessages.decisionFailed(line.id(), SanitizedCause.describe(e)), e);
        }
        if (group != null) {
            runtime.entityManagerFactory().getCache().evict(group.mapping().type());
        }
    }

    private void eraseDecided(jakarta.persistence.EntityManager em, Connection connection, SweepGroup group,
                              Decision line, String decidedBy, Instant now) {
        Optional<Object> id = idValue(group, line.entityId());
        if (id.isEmpty()) {
            return; // no such row can exist
        }
        List<SweepRow> rows = new SweepRows(runtime).lockAndRead(em, group, List.of(id.get()));
        if (rows.isEmpty()) {
            return; // gone, or nothing of the rule's left in it: nothing to erase
        }
        SweepRow row = rows.get(0);
        // every scope of the group in this transaction, as the sweep erases a row: whole or not at all
        for (Erasure.Scope scope : group.scopes()) {
            if (!erasure.logged(connection, scope, group.rule().id(), List.of(line.entityId())).isEmpty()) {
                continue; // this scope's erasure is logged already
            }
            Erasure.Scope erasing = scope.strategy() != ErasureStrategy.CRYPTO_SHRED ? scope
                    : new Erasure.Scope(group.mapping(), ErasureStrategy.NULLIFY, scope.attributes(), scope.copies());
            List<Object> values = erasing.strategy() == ErasureStrategy.PSEUDONYMIZE ? row.values() : List.of();
            erasure.erase(em, connection, erasing, List.of(new Erasure.Target(row.id(), row.subjectId(), values,
                    line.openedAt(), "rule " + group.rule().id() + ", " + erasing.strategy() + ", decision "
                    + line.id())),
                    new Erasure.Reason(group.rule().id(), line.id(), decidedBy, "", group.rule().basis().citation(),
                            now));
        }
    }

    /** The row id {@code text} as a value of the entity's id type; empty when it cannot be one. */
    private Optional<Object> idValue(SweepGroup group, String text) {
        Class<?> type = runtime.entityManagerFactory().getMetamodel().entity(group.mapping().type())
                .getAttribute(group.mapping().idAttribute()).getJavaType();
        try {
            if (type == Long.class || type == long.class) {
                return Optional.of(Long.valueOf(text));
            }
            if (type == Integer.class || type == int.class) {
                return Optional.of(Integer.valueOf(text));
            }
            if (type == UUID.class) {
                return Optional.of(UUID.fromString(text));
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return type == String.class ? Optional.of(text) : Optional.empty();
    }
}
