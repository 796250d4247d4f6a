// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.audit.AuditEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;

/**
 * Where audit events of writes go: appended on the connection of the transaction that makes the change,
 * so that a rollback leaves no audit row and a failed audit fails the change.
 */
@FunctionalInterface
public interface TransactionalAuditWriter {

    /** Appends, on {@code connection}, the event {@code event} builds from the subject's pseudonym. */
    void write(Connection connection, String subjectId, Function<String, AuditEvent> event) throws SQLException;
}
