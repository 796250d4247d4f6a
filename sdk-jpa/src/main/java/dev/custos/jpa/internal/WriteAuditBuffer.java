// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The write audits of one session (Hibernate) or unit of work (EclipseLink) that wait to be appended. The
 * provider adapters append them when the provider ends a flush, before the transaction completes, and whenever
 * {@link #LIMIT} wait, so a flush of n writes costs a few statements instead of five per write, and memory stays
 * bounded however many entities a transaction writes. Confined to the session's thread, like the session.
 */
public final class WriteAuditBuffer {

    /** Audits appended in one go at most: one head lock, then JDBC batches. */
    public static final int LIMIT = 500;

    private List<PendingAudit> pending = new ArrayList<>();

    /** Adds {@code audit}; returns whether {@link #LIMIT} audits now wait and should be appended. */
    public boolean add(PendingAudit audit) {
        pending.add(audit);
        return pending.size() >= LIMIT;
    }

    public boolean isEmpty() {
        return pending.isEmpty();
    }

    /** The audits waiting, in the order of their writes; the buffer is empty afterwards. */
    public List<PendingAudit> drain() {
        List<PendingAudit> drained = pending;
        pending = new ArrayList<>();
        return drained;
    }

    /** Forgets the audits waiting: their writes were rolled back. */
    public void discard() {
        pending = new ArrayList<>();
    }
}
