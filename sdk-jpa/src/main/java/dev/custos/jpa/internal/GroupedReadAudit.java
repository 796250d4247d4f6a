// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.CustosException;
import dev.custos.core.SafeCause;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Read audits of concurrent readers appended together (group commit): the read chain's head lock makes appends
 * take turns, each paying a commit, so a reader that finds another append running queues its records, and the
 * next reader to take a turn appends every queued batch in one transaction of the delegate. Every caller returns
 * only once the transaction holding its records has committed, and throws if it failed, so no row is handed out
 * before its audit is durable. Batches that share a subject are never appended together: the delegate merges a
 * transaction's records per subject ({@link ResultRecords}), and a record stays one query result's. Memory is
 * bounded by the readers waiting, each blocked until its batch is done. Thread-safe.
 */
final class GroupedReadAudit implements AuditWriter {

    private final AuditWriter delegate;
    private final ArrayDeque<Batch> waiting = new ArrayDeque<>();
    private boolean appending;

    GroupedReadAudit(AuditWriter delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public void writeAll(List<PendingAudit> audits) {
        Batch mine = new Batch(audits);
        boolean interrupted = false;
        try {
            while (true) {
                List<Batch> group;
                synchronized (this) {
                    if (!mine.queued) {
                        waiting.add(mine);
                        mine.queued = true;
                    }
                    while (!mine.done && appending) {
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            interrupted = true; // the records may be in a running append: wait for its outcome
                        }
                    }
                    if (mine.done) {
                        break;
                    }
                    appending = true;
                    group = takeGroup();
                }
                appendGroup(group);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (mine.failure != null) {
            throw ownCopy(mine.failure);
        }
    }

    /** Batches waiting now, for tests. */
    synchronized int waiting() {
        return waiting.size();
    }

    /** The waiting batches in their order, leaving for a later turn any that shares a subject with one taken. */
    private List<Batch> takeGroup() {
        List<Batch> group = new ArrayList<>();
        Set<String> subjects = new HashSet<>();
        for (Iterator<Batch> it = waiting.iterator(); it.hasNext(); ) {
            Batch batch = it.next();
            if (batch.subjects.stream().noneMatch(subjects::contains)) {
                subjects.addAll(batch.subjects);
                group.add(batch);
                it.remove();
            }
        }
        return group;
    }

    private void appendGroup(List<Batch> group) {
        Throwable failure = null;
        try {
            if (group.size() == 1) {
                delegate.writeAll(group.get(0).audits);
            } else {
                List<PendingAudit> all = new ArrayList<>();
                group.forEach(batch -> all.addAll(batch.audits));
                delegate.writeAll(all);
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            if (e instanceof Error) {
                throw e; // on this thread; the group's readers fail with it as their cause
            }
        } finally {
            synchronized (this) {
                for (Batch batch : group) {
                    batch.failure = failure;
                    batch.done = true;
                }
                appending = false;
                notifyAll();
            }
        }
    }

    /**
     * The append's failure as one reader's own exception, with the same message: an exception instance is not
     * shared between the threads of a group, which may each add to it.
     */
    private static RuntimeException ownCopy(Throwable failure) {
        if (failure instanceof CustosException custos) {
            return new CustosException(custos.detail(), failure);
        }
        return new CustosException(JpaMessages.auditFailed("a read", SafeCause.of(failure)), failure);
    }

    private static final class Batch {
        final List<PendingAudit> audits;
        final Set<String> subjects = new HashSet<>();
        boolean queued;
        boolean done;
        Throwable failure;

        Batch(List<PendingAudit> audits) {
            this.audits = audits;
            audits.forEach(audit -> subjects.add(audit.subjectId()));
        }
    }
}
