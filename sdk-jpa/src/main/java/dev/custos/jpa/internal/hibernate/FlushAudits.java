// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.hibernate;

import dev.custos.jpa.internal.PendingAudit;
import dev.custos.jpa.internal.WriteAudit;
import dev.custos.jpa.internal.WriteAuditBuffer;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.hibernate.action.spi.AfterTransactionCompletionProcess;
import org.hibernate.action.spi.BeforeTransactionCompletionProcess;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

/** Each session's write audits, appended on its connection when its flush ends. Thread-safe. */
final class FlushAudits {

    private final WriteAudit audit;
    private final HibernateShapes shapes;
    /** Each session's write audits waiting for the end of its flush; weak, so a session left open is forgotten. */
    private final Map<SharedSessionContractImplementor, WriteAuditBuffer> pending =
            Collections.synchronizedMap(new WeakHashMap<>());

    FlushAudits(WriteAudit audit, HibernateShapes shapes) {
        this.audit = audit;
        this.shapes = shapes;
    }

    /**
     * Keeps a write's audit for the end of the flush. The first of a transaction also registers, as Envers does,
     * an append before the transaction completes (for writes made outside a flush, such as an identity insert
     * under a manual flush mode) and the discarding of what is left when it has completed (a rollback).
     */
    void audited(SharedSessionContractImplementor session, PendingAudit audit) {
        if (audit == null) {
            return;
        }
        WriteAuditBuffer buffer = pending.get(session);
        if (buffer == null) {
            buffer = new WriteAuditBuffer();
            pending.put(session, buffer);
            shapes.beforeCompletion(session, new BeforeCompletion());
            shapes.afterCompletion(session, (success, completed) -> pending.remove(completed));
        }
        if (buffer.add(audit)) {
            appendPending(session);
        }
    }

    /** Appends the session's waiting audits on its connection, in its transaction. */
    void appendPending(SharedSessionContractImplementor session) {
        WriteAuditBuffer buffer = pending.get(session);
        if (buffer == null || buffer.isEmpty()) {
            return;
        }
        List<PendingAudit> audits = buffer.drain();
        session.doWork(connection -> audit.append(connection, audits));
    }

    /**
     * Appends what is left before the transaction completes. Not a lambda: Hibernate 6.6 calls the method taking a
     * {@code SessionImplementor}, Hibernate 7 the one taking a {@code SharedSessionContractImplementor} (its
     * {@code BeforeCompletionCallback}'s), and a lambda compiled against 6.6 would implement the first alone.
     */
    private final class BeforeCompletion implements BeforeTransactionCompletionProcess {

        @Override
        public void doBeforeTransactionCompletion(SessionImplementor session) {
            appendPending(session);
        }

        public void doBeforeTransactionCompletion(SharedSessionContractImplementor session) {
            appendPending(session);
        }
    }
}
