// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.audit.AuditEvent;
import java.util.function.Function;

/**
 * The audit record of one access, decided when the provider reported it and appended later with others: the
 * writes of a flush ({@link WriteAuditBuffer}), the reads of a query result ({@link ReadScope}), which are stored
 * as one record per subject and entity listing the rows ({@link ResultRecords}).
 *
 * @param entityName the entity accessed, for the error when the append fails
 * @param subjectId  the data subject the record is about
 * @param event      builds the record from the subject's pseudonym, known only when the batch is appended
 * @param sameRecord for a read: equal for the reads that one record lists (all that the record says but the time
 *                   and the row), so that only the first read of each record is built; null for one that stands
 *                   alone
 * @param rowId      for a read: the row as its record names it, from the subject's pseudonym
 *                   ({@link dev.custos.jpa.EntityMapping#auditId}); null with {@code sameRecord}
 */
public record PendingAudit(String entityName, String subjectId, Function<String, AuditEvent> event,
                           Object sameRecord, Function<String, String> rowId) {

    /** An access whose record stands alone, such as a write. */
    public PendingAudit(String entityName, String subjectId, Function<String, AuditEvent> event) {
        this(entityName, subjectId, event, null, null);
    }
}
