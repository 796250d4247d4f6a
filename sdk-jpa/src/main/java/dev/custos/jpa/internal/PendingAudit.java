// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.audit.AuditEvent;
import java.util.function.Function;

/**
 * The audit record of one write, decided when the provider reported the write and appended later with the
 * others of its flush ({@link WriteAuditBuffer}).
 *
 * @param entityName the entity written, for the error when the append fails
 * @param subjectId  the data subject the record is about
 * @param event      builds the record from the subject's pseudonym, known only when the batch is appended
 */
public record PendingWriteAudit(String entityName, String subjectId, Function<String, AuditEvent> event) {
}
