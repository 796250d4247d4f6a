// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.store;

import dev.custos.core.CustosException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Named leases in {@code custos_sweep_lease}, so that one node at a time runs the retention sweep. A lease is
 * held until {@code lock_until}; its holder renews it by acquiring it again before then, and anyone may take
 * it over afterwards. Nodes' clocks must roughly agree: keep the time to live well above the clock skew.
 * <p>
 * <b>Transactions:</b> methods work on the caller's connection and never commit, roll back or close it. Take
 * the lease in a short transaction of its own (or in auto-commit mode) and commit at once: while the
 * acquiring transaction is open, the row stays locked and other nodes wait for it instead of moving on.
 * <p>
 * <b>Thread safety:</b> stateless and thread-safe; share one instance.
 */
public final class SweepLease {

    /**
     * Takes lease {@code name} for {@code holder} until {@code now + ttl}, if it is free, expired or already
     * {@code holder}'s (which renews it). The first use creates the lease's row; of two nodes creating it at
     * once, one wins.
     *
     * @return whether {@code holder} holds the lease now
     * @throws CustosException {@code CUSTOS-04211} for a time to live that is not positive
     */
    public boolean tryAcquire(Connection connection, String name, String holder, Instant now, Duration ttl) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(now, "now");
        if (ttl.isZero() || ttl.isNegative()) {
            throw new CustosException(StoreMessages.leaseTtlNotPositive(name, ttl.toString()));
        }
        Instant until = now.plus(ttl);
        return Jdbc.run("Taking lease " + name + " in custos_sweep_lease", () -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE custos_sweep_lease"
                    + " SET holder = ?, lock_until = ?, acquired_at = ?"
                    + " WHERE lease_name = ? AND (lock_until <= ? OR holder = ?)")) {
                update.setString(1, holder);
                Jdbc.setInstant(update, 2, until);
                Jdbc.setInstant(update, 3, now);
                update.setString(4, name);
                Jdbc.setInstant(update, 5, now);
                update.setString(6, holder);
                if (update.executeUpdate() == 1) {
                    return true;
                }
            }
            // Either someone else holds it, or the row does not exist yet: only the insert can tell.
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO custos_sweep_lease"
                    + " (lease_name, holder, lock_until, acquired_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, name);
                insert.setString(2, holder);
                Jdbc.setInstant(insert, 3, until);
                Jdbc.setInstant(insert, 4, now);
                return Jdbc.insertUnlessDuplicate(connection, insert);
            }
        });
    }

    /**
     * Gives the lease up, if {@code holder} holds it at {@code now}, so another node need not wait for it to
     * expire. A released lease ends at the epoch, not at {@code now}: stamped with the releasing node's clock, a
     * node whose clock is behind could not take it until its own clock caught up.
     *
     * @return whether {@code holder} held it
     */
    public boolean release(Connection connection, String name, String holder, Instant now) {
        Objects.requireNonNull(now, "now");
        return Jdbc.run("Releasing lease " + name + " in custos_sweep_lease", () -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE custos_sweep_lease"
                    + " SET lock_until = ? WHERE lease_name = ? AND holder = ? AND lock_until > ?")) {
                Jdbc.setInstant(update, 1, Instant.EPOCH);
                update.setString(2, name);
                update.setString(3, holder);
                Jdbc.setInstant(update, 4, now);
                return update.executeUpdate() == 1;
            }
        });
    }
}
