// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import java.util.List;

/** Where audit events of reads go: appended to the trail in a transaction of their own. */
@FunctionalInterface
public interface AuditWriter {

    /**
     * Appends, in one transaction of their own and in their order, the events {@code audits} build from their
     * subjects' pseudonyms; the audit trail never sees the ids.
     *
     * @throws RuntimeException when the trail cannot be written; a read that cannot be audited fails
     */
    void writeAll(List<PendingAudit> audits);
}
