// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.audit.AuditEvent;

/** Where audit events of reads go: appended to the trail in a transaction of their own. */
@FunctionalInterface
public interface AuditWriter {

    /**
     * Appends {@code event}, with the subject's id still in cleartext in {@link AuditEvent#subjectRef()}; the
     * writer replaces it with the subject's pseudonym.
     *
     * @throws RuntimeException when the trail cannot be written; a read that cannot be audited fails
     */
    void write(AuditEvent event);
}
