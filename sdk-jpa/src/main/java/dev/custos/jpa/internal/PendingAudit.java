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
 */
public record PendingAudit(String entityName, String subjectId, Function<String, AuditEvent> event) {
}
