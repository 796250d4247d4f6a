// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.retention;

import static dev.custos.jpa.retention.RetentionSweeper.LEASE;
import static dev.custos.jpa.retention.RetentionSweeper.LEASE_TTL;

import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.internal.OwnTransaction;
import dev.custos.jpa.internal.store.SweepLease;
import dev.custos.jpa.tx.Transactions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** The sweep's lease ({@value RetentionSweeper#LEASE}), held by one sweeper of this node. Thread-safe. */
final class NodeLease {

    private final CustosRuntime runtime;
    private final String holder = "sweeper-" + UUID.randomUUID();
    private final SweepLease lease = new SweepLease();

    NodeLease(CustosRuntime runtime) {
        this.runtime = runtime;
    }

    /** This sweeper's name as the lease's holder. */
    String holder() {
        return holder;
    }

    /**
     * How long a lease this sweeper took stays good enough to start a batch under without renewing it: a tenth of
     * {@link RetentionSweeper#LEASE_TTL}, so a batch still starts with nine tenths of the lease ahead of it.
     */
    static final Duration RENEW_AFTER = LEASE_TTL.dividedBy(10);

    /** When this sweeper last took or renewed the lease, by the runtime's clock; null when it does not hold it. */
    private volatile Instant taken;

    /** The holder of the lease when someone else holds it; null when this sweeper holds it now. */
    String acquire() {
        Instant now = runtime.clock().instant();
        return withConnection(c -> {
            boolean mine = lease.tryAcquire(c, LEASE, holder, now, LEASE_TTL);
            String other = mine ? null : currentHolder(c);
            c.commit();
            taken = mine ? now : null;
            return other;
        });
    }

    /**
     * As {@link #acquire}, before a batch: renews the lease only once {@link #RENEW_AFTER} has passed since this
     * sweeper took it (change S3), instead of a transaction of its own per batch. Until then no other node can
     * have taken it, as it runs until {@code taken + LEASE_TTL}; a clock that moved back renews it too.
     */
    String keep() {
        Instant last = taken;
        Instant now = runtime.clock().instant();
        if (last != null && !now.isBefore(last) && now.isBefore(last.plus(RENEW_AFTER))) {
            return null;
        }
        return acquire();
    }

    void release() {
        taken = null;
        withConnection(c -> {
            lease.release(c, LEASE, holder, runtime.clock().instant());
            c.commit();
            return null;
        });
    }

    private static String currentHolder(Connection c) throws SQLException {
        try (var select = c.prepareStatement("SELECT holder FROM custos_sweep_lease WHERE lease_name = ?")) {
            select.setString(1, LEASE);
            try (var rows = select.executeQuery()) {
                return rows.next() ? rows.getString(1) : "unknown";
            }
        }
    }

    private <T> T withConnection(Transactions.SqlWork<T> task) {
        return OwnTransaction.run(runtime, cause -> SweepMessages.leaseUnavailable(LEASE, cause), task);
    }

    /** See {@link RetentionSweeper#everSwept}. */
    boolean everSwept() {
        return withConnection(c -> {
            try (var select = c.prepareStatement("SELECT COUNT(*) FROM custos_sweep_lease WHERE lease_name = ?")) {
                select.setString(1, LEASE);
                try (var rows = select.executeQuery()) {
                    rows.next();
                    return rows.getLong(1) > 0;
                }
            }
        });
    }
}
