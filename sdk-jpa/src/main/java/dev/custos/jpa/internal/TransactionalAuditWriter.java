// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Where audit events of writes go: appended on the connection of the transaction that makes the change,
 * so that a rollback leaves no audit row and a failed audit fails the change.
 */
@FunctionalInterface
public interface TransactionalAuditWriter {

    /** Appends, on {@code connection} and in their order, the events {@code audits} build from their subjects' pseudonyms. */
    void writeAll(Connection connection, List<PendingAudit> audits) throws SQLException;
}
