// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.audit.AuditAction;
import dev.custos.core.audit.AuditEvent;
import dev.custos.core.audit.AuditOutcome;
import dev.custos.jpa.internal.Erasure.AlreadyLogged;
import dev.custos.jpa.internal.Erasure.Reason;
import dev.custos.jpa.internal.Erasure.Scope;
import dev.custos.jpa.internal.Erasure.Target;
import dev.custos.jpa.internal.store.AuditTrail;
import dev.custos.jpa.internal.store.ErasureEntry;
import dev.custos.jpa.internal.store.ErasureLog;
import dev.custos.jpa.internal.store.SubjectKeys;
import dev.custos.jpa.tx.Transactions;
import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The erasure log rows and {@code ERASE} audit records of an {@link Erasure}'s rows. Thread-safe. */
final class ErasureEntries {

    private final SubjectKeys keys;
    private final ErasureLog log = new ErasureLog();
    private final AuditTrail audit;

    ErasureEntries(SubjectKeys keys, Clock clock, Transactions transactions) {
        this.keys = keys;
        this.audit = new AuditTrail(StoreBackedAudit.WRITE_CHAIN, clock, transactions);
    }

    /**
     * Logs each row once in the erasure log and audits it once: in a record of its own, or for a
     * {@link Reason#listed()} erasure listed once in its subject's record.
     */
    void log(Connection connection, Scope scope, List<Target> rows, Reason reason) {
        String entity = scope.mapping().entityName();
        Map<String, String> refs = pseudonyms(connection, rows);
        List<ErasureEntry> entries = new ArrayList<>(rows.size());
        List<AuditEvent> events = new ArrayList<>(rows.size());
        // the same for every row: the scope builds them anew on each call
        List<String> erased = scope.erasedNames();
        List<String> fields = scope.fieldNames();
        for (Target row : rows) {
            String ref = row.subjectId() == null ? "" : refs.get(row.subjectId());
            entries.add(new ErasureEntry(reason.runId(), entity, scope.mapping().auditId(row.idText(), ref),
                    erased, scope.strategy().name(), reason.ruleId(), row.dueAt(), reason.at(),
                    ref.isEmpty() ? Optional.empty() : Optional.of(ref)));
            events.add(RowAudit.event(reason.at(), reason.actor(), row.subjectId(), ref, AuditAction.ERASE,
                    scope.mapping(), row.idText(), fields, reason.purpose(), reason.basis(),
                    AuditOutcome.DONE, row.detail()));
        }
        if (!log.logAll(connection, entries)) {
            throw new AlreadyLogged(entity, rows.size());
        }
        // the sweep's batch: one record per subject, entity, outcome and detail, naming its rows' ids
        audit.appendAll(connection, reason.listed() ? ResultRecords.merged(events) : events);
    }

    /** The pseudonyms of the rows' subjects: the existing keys in one query per 500, then new keys one by one. */
    private Map<String, String> pseudonyms(Connection connection, List<Target> rows) {
        List<String> subjects = rows.stream().map(Target::subjectId).filter(Objects::nonNull).distinct().toList();
        Map<String, String> refs = new HashMap<>(keys.existingPseudonyms(connection, subjects));
        for (String subject : subjects) {
            if (!refs.containsKey(subject)) {
                refs.put(subject, keys.pseudonym(connection, subject));
            }
        }
        return refs;
    }
}
