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

    /** The holder of the lease when someone else holds it; null when this sweeper holds it now. */
    String acquire() {
        return withConnection(c -> {
            boolean mine = lease.tryAcquire(c, LEASE, holder, runtime.clock().instant(), LEASE_TTL);
            String other = mine ? null : currentHolder(c);
            c.commit();
            return other;
        });
    }

    void release() {
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
