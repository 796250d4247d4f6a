// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.audit.AuditAction;
import dev.custos.core.audit.AuditEvent;
import dev.custos.core.audit.AuditOutcome;
import dev.custos.jpa.internal.store.EntityIdList;
import java.util.ArrayList;
import java.util.Collection;
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
            groups.computeIfAbsent(new Key(event), k -> new Rows(event)).ids.add(event.entityId());
        }
        return records(groups.values());
    }

    /**
     * The records of read audits ({@link PendingAudit#sameRecord}), as {@link #merged} makes them from one event per
     * read, without building an event for every read: only the first read of each record is built, the others give
     * their row ({@link PendingAudit#rowId}). A read without {@code sameRecord} is a record of its own.
     *
     * @param refs the pseudonym of every subject of {@code audits}
     */
    static List<AuditEvent> ofReads(List<PendingAudit> audits, Map<String, String> refs) {
        Map<Object, Rows> groups = new LinkedHashMap<>();
        for (PendingAudit audit : audits) {
            String ref = refs.get(audit.subjectId());
            Object key = audit.sameRecord() == null ? new Object() : audit.sameRecord();
            Rows rows = groups.get(key);
            if (rows == null) {
                AuditEvent first = audit.event().apply(ref);
                rows = new Rows(first);
                rows.ids.add(first.entityId());
                groups.put(key, rows);
            } else {
                rows.ids.add(audit.rowId().apply(ref));
            }
        }
        return records(groups.values());
    }

    /** One record per group, or several where its id list is too long for one, each as its first row's event. */
    private static List<AuditEvent> records(Collection<Rows> groups) {
        List<AuditEvent> records = new ArrayList<>(groups.size());
        for (Rows rows : groups) {
            AuditEvent e = rows.first;
            for (String ids : EntityIdList.lists(new ArrayList<>(rows.ids))) {
                records.add(new AuditEvent(e.occurredAt(), e.actor(), e.subjectRef(), e.action(), e.entity(), ids,
                        e.fields(), e.purpose(), e.basis(), e.outcome(), e.detail()));
            }
        }
        return records;
    }

    /** What the rows of one record share: all but the time and the row. */
    private record Key(String actor, String subjectRef, AuditAction action, String entity, List<String> fields,
                       String purpose, String basis, AuditOutcome outcome, String detail) {
        Key(AuditEvent e) {
            this(e.actor(), e.subjectRef(), e.action(), e.entity(), e.fields(), e.purpose(), e.basis(), e.outcome(),
                    e.detail());
        }
    }

    /** The rows of one record: the first one's event, which says all the rows share, and every row's id. */
    private static final class Rows {
        final AuditEvent first;
        final Set<String> ids = new LinkedHashSet<>();

        Rows(AuditEvent first) {
            this.first = first;
        }
    }
}
