// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.audit.AuditEvent;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where audit events of writes go: appended on the connection of the transaction that makes the change,
 * so that a rollback leaves no audit row and a failed audit fails the change.
 */
@FunctionalInterface
public interface TransactionalAuditWriter {

    /** Appends {@code event} (subject id in cleartext; the writer pseudonymises it) on {@code connection}. */
    void write(Connection connection, AuditEvent event) throws SQLException;
}
