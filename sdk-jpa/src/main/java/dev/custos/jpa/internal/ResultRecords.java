// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.audit.AuditAction;
import dev.custos.core.audit.AuditEvent;
import dev.custos.core.audit.AuditOutcome;
import dev.custos.jpa.internal.store.EntityIdList;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The read audits of one query result as the trail keeps them (schema version 11): one record per subject,
 * entity, action and everything else the records say, listing the ids of the rows it covers
 * ({@link EntityIdList}), as the IHE Basic Audit Log Patterns record one event per patient per query. A result of
 * 10,000 rows of 1,000 subjects is 1,000 records, each still found by its subject's pseudonym. Stateless.
 */
final class ResultRecords {

    private ResultRecords() {
    }

    /**
     * {@code events}, one per row, merged; each merged record has the time of its first row, in their order. A
     * record of one row holds its id as a list of one ({@link EntityIdList}), so that every read record reads back
     * alike.
     */
    static List<AuditEvent> merged(List<AuditEvent> events) {
        Map<Key, Rows> groups = new LinkedHashMap<>();
        for (AuditEvent event : events) {
            groups.computeIfAbsent(new Key(event), k -> new Rows(event.occurredAt())).ids.add(event.entityId());
        }
        List<AuditEvent> merged = new ArrayList<>(groups.size());
        for (Map.Entry<Key, Rows> group : groups.entrySet()) {
            Key k = group.getKey();
            for (String ids : EntityIdList.lists(new ArrayList<>(group.getValue().ids))) {
                merged.add(new AuditEvent(group.getValue().first, k.actor, k.subjectRef, k.action, k.entity, ids,
                        k.fields, k.purpose, k.basis, k.outcome, k.detail));
            }
        }
        return merged;
    }

    /**
     * The records of read audits ({@link PendingAudit#sameRecord}), as {@link #merged} makes them from one event per
     * read, without building an event for every read: only the first read of each record is built, the others give
     * their row ({@link PendingAudit#rowId}). A read without {@code sameRecord} is a record of its own.
     *
     * @param refs the pseudonym of every subject of {@code audits}
     */
    static List<AuditEvent> ofReads(List<PendingAudit> audits, Map<String, String> refs) {
        Map<Object, Reads> groups = new LinkedHashMap<>();
        for (PendingAudit audit : audits) {
            String ref = refs.get(audit.subjectId());
            Object key = audit.sameRecord() == null ? new Object() : audit.sameRecord();
            Reads reads = groups.get(key);
            if (reads == null) {
                AuditEvent first = audit.event().apply(ref);
                reads = new Reads(first);
                reads.ids.add(first.entityId());
                groups.put(key, reads);
            } else {
                reads.ids.add(audit.rowId().apply(ref));
            }
        }
        List<AuditEvent> merged = new ArrayList<>(groups.size());
        for (Reads reads : groups.values()) {
            AuditEvent e = reads.first;
            for (String ids : EntityIdList.lists(new ArrayList<>(reads.ids))) {
                merged.add(new AuditEvent(e.occurredAt(), e.actor(), e.subjectRef(), e.action(), e.entity(), ids,
                        e.fields(), e.purpose(), e.basis(), e.outcome(), e.detail()));
            }
        }
        return merged;
    }

    private static final class Reads {
        final AuditEvent first;
        final Set<String> ids = new LinkedHashSet<>();

        Reads(AuditEvent first) {
            this.first = first;
        }
    }

    /** What the rows of one record share: all but the time and the row. */
    private record Key(String actor, String subjectRef, AuditAction action, String entity, List<String> fields,
                       String purpose, String basis, AuditOutcome outcome, String detail) {
        Key(AuditEvent e) {
            this(e.actor(), e.subjectRef(), e.action(), e.entity(), e.fields(), e.purpose(), e.basis(), e.outcome(),
                    e.detail());
        }
    }

    private static final class Rows {
        final Instant first;
        final Set<String> ids = new LinkedHashSet<>();

        Rows(Instant first) {
            this.first = first;
        }
    }
}
