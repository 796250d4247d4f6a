// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.retention;

import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.internal.DerivedClockQuery;
import dev.custos.jpa.internal.ProjectionGuard;
import dev.custos.jpa.internal.store.Jdbc;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a sweep group's rows through the batch's entity manager: the candidates in keyset order, the rows of
 * one subject, and rows by id under a write lock for the re-check before erasure. Thread-safe (stateless
 * between calls).
 */
final class SweepRows {

    /** Ids per {@code IN} list, as {@code Erasure} writes them. */

    private final CustosRuntime runtime;

    SweepRows(CustosRuntime runtime) {
        this.runtime = runtime;
    }

    /** Up to {@code size} candidates after keyset position {@code last} (null for the first batch). */
    List<SweepRow> candidates(EntityManager em, SweepGroup group, Object last, int size, boolean prefilter,
                              Instant now) {
        boolean clocked = prefilter && group.anchorPrefilter() && group.clock().isPresent();
        Query query = em.createQuery(group.selectJpql(last != null, prefilter, clocked
                ? DerivedClockQuery.idsAtOrBefore(em, group.mapping(), group.clock().get()) : ""));
        if (last != null) {
            query.setParameter("last", last);
        }
        if (prefilter && group.anchorPrefilter()) {
            query.setParameter("cutoff", group.cutoff(now, runtime.pack().zone()));
        }
        return read(em, group, query.setMaxResults(size));
    }

    /** The rows of the subject whose id, as a value of the group's subject attribute, is {@code subject}. */
    List<SweepRow> ofSubject(EntityManager em, SweepGroup group, Object subject) {
        return read(em, group, em.createQuery(group.subjectJpql()).setParameter("subject", subject));
    }

    /**
     * Write-locks the rows {@code ids} until the transaction ends, then reads those that still hold data of the
     * group, as they are now. Rows deleted meanwhile are absent.
     * <p>
     * The lock is JPA's {@code PESSIMISTIC_WRITE} on an ids-only query, so each provider writes its database's
     * form: {@code FOR UPDATE} on PostgreSQL and MariaDB, {@code FOR UPDATE WITH RS} on Derby (both providers),
     * which keeps the lock to the end of the transaction where a plain {@code FOR UPDATE} on a read-only result
     * set would not. A writer that changes a locked row (its anchor, say) waits for the batch to end, and the
     * re-read, a statement of its own under read committed, sees every change committed before the lock was
     * granted.
     */
    List<SweepRow> lockAndRead(EntityManager em, SweepGroup group, List<Object> ids) {
        List<SweepRow> rows = new ArrayList<>(ids.size());
        for (List<Object> chunk : Jdbc.chunks(ids)) {
            em.createQuery(group.lockJpql()).setParameter("ids", chunk)
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
            rows.addAll(read(em, group, em.createQuery(group.rowsJpql()).setParameter("ids", chunk)));
        }
        return rows;
    }

    /**
     * Write-locks the candidates of a batch {@link SweepGroup#lockedByRange()} after {@code last} (null for the
     * first batch) up to {@code hi}, with one statement, then reads them as they are now, as {@link #lockAndRead}
     * does by id. The candidate condition is evaluated again under the lock: a row whose anchor moved past the
     * cutoff, or whose values were written over, since {@link #candidates} read it is absent; a row added to the
     * range since is locked and read too.
     */
    List<SweepRow> lockRange(EntityManager em, SweepGroup group, Object last, Object hi, Instant now) {
        Object cutoff = group.cutoff(now, runtime.pack().zone());
        Query lock = em.createQuery(group.rangeLockJpql(last != null)).setParameter("hi", hi)
                .setParameter("cutoff", cutoff).setLockMode(LockModeType.PESSIMISTIC_WRITE);
        Query rows = em.createQuery(group.rangeRowsJpql(last != null)).setParameter("hi", hi)
                .setParameter("cutoff", cutoff);
        if (last != null) {
            lock.setParameter("last", last);
            rows.setParameter("last", last);
        }
        lock.getResultList();
        return read(em, group, rows);
    }

    /**
     * The rows a query returns; with a derived clock, each with its clock value, read for all of them in one grouped
     * query (per 500 rows), never one per row.
     */
    private static List<SweepRow> read(EntityManager em, SweepGroup group, Query query) {
        List<SweepRow> rows = new ArrayList<>();
        // the sweep reads the values it erases as a projection, which callers outside Custos may not
        List<?> results = ProjectionGuard.ownResults(query);
        for (Object result : results) {
            rows.add(SweepRow.of(group, (Object[]) result));
        }
        if (group.clock().isEmpty() || rows.isEmpty()) {
            return rows;
        }
        Map<Object, Object> clock = DerivedClockQuery.values(em, group.mapping(), group.clock().get(),
                rows.stream().map(SweepRow::id).toList());
        return rows.stream().map(r -> r.withAnchor(clock.get(r.id()))).toList();
    }
}
