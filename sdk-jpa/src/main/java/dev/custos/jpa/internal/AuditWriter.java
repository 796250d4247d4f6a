// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.audit.AuditEvent;
import java.util.function.Function;

/** Where audit events of reads go: appended to the trail in a transaction of their own. */
@FunctionalInterface
public interface AuditWriter {

    /**
     * Appends the event {@code event} builds from the subject's pseudonym; the audit trail never sees the id.
     *
     * @throws RuntimeException when the trail cannot be written; a read that cannot be audited fails
     */
    void write(String subjectId, Function<String, AuditEvent> event);
}
