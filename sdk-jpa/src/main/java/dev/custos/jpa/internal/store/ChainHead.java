// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.store;

import dev.custos.core.CustosException;
import dev.custos.core.audit.Checkpoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;

/**
 * The head row of one hash chain ({@code custos_audit_head} for an audit chain, {@code custos_consent_head} for
 * the consent ledger): {@code last_seq}, {@code last_hash} and {@code updated_at} under a one-column key. The one
 * place that knows how each database write-locks it, so that appends to a chain are serialised across threads and
 * nodes until the locking transaction ends. Immutable and thread-safe.
 *
 * @param table     the head table
 * @param keyColumn its key column
 * @param key       the key of this chain's row
 */
record ChainHead(String table, String keyColumn, int key) {

    /** The head as stored, or empty before the chain's first append. */
    Optional<Checkpoint> read(Connection connection) throws SQLException {
        return read(connection, "");
    }

    /**
     * Write-locks the head row until the caller's transaction ends, creating it at {@link Checkpoint#GENESIS} on
     * the chain's first append, and returns it as stored.
     */
    Checkpoint lock(Connection connection, Clock clock) throws SQLException {
        // Derby does not lock rows for a FOR UPDATE query on a read-only result set, and two appends then read the
        // same head: there, lock the head row by writing to it. PostgreSQL and MariaDB lock it with the read, one
        // round trip and no new row version instead of two.
        boolean derby = Jdbc.isDerby(connection);
        if (!derby) {
            Optional<Checkpoint> head = read(connection, " FOR UPDATE");
            if (head.isPresent()) {
                return head.get();
            }
        }
        if (!derby || touch(connection, clock) == 0) {
            // The chain's first append creates its head; a concurrent first append may win, then we wait for it.
            // On MariaDB, InnoDB gives each loser of the race a shared lock on the winner's row, and two losers
            // touching it then deadlock; ON DUPLICATE KEY UPDATE takes the row's write lock at once instead.
            boolean mariadb = Jdbc.isMariadb(connection);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " (" + keyColumn
                    + ", last_seq, last_hash, updated_at) VALUES (?, 0, ?, ?)"
                    + (mariadb ? " ON DUPLICATE KEY UPDATE updated_at = VALUES(updated_at)" : ""))) {
                insert.setInt(1, key);
                insert.setString(2, Checkpoint.GENESIS_HASH);
                Jdbc.setInstant(insert, 3, clock.instant());
                if (mariadb) {
                    insert.executeUpdate();
                } else if (!Jdbc.insertUnlessDuplicate(connection, insert)) {
                    touch(connection, clock);
                }
            }
        }
        return read(connection).orElseThrow(() -> new CustosException(StoreMessages.concurrentRowInvisible(
                table, Jdbc.isolation(connection))));
    }

    /** Moves the locked head to {@code head}. */
    void move(Connection connection, Checkpoint head, Clock clock) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + table
                + " SET last_seq = ?, last_hash = ?, updated_at = ? WHERE " + keyColumn + " = ?")) {
            update.setLong(1, head.sequence());
            update.setString(2, head.hash());
            Jdbc.setInstant(update, 3, clock.instant());
            update.setInt(4, key);
            update.executeUpdate();
        }
    }

    /**
     * Moves the head from {@code from} to {@code head} if it is still at {@code from}, write-locking it until the
     * caller's transaction ends, and says whether it did: one statement where {@link #lock} and {@link #move} take
     * two or more. A head another transaction holds is waited for, then found moved.
     */
    boolean moveFrom(Connection connection, Checkpoint from, Checkpoint head, Clock clock) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + table
                + " SET last_seq = ?, last_hash = ?, updated_at = ? WHERE " + keyColumn + " = ? AND last_seq = ?"
                + " AND last_hash = ?")) {
            update.setLong(1, head.sequence());
            update.setString(2, head.hash());
            Jdbc.setInstant(update, 3, clock.instant());
            update.setInt(4, key);
            update.setLong(5, from.sequence());
            update.setString(6, from.hash());
            return update.executeUpdate() == 1;
        }
    }

    private int touch(Connection connection, Clock clock) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE " + table + " SET updated_at = ? WHERE " + keyColumn + " = ?")) {
            Jdbc.setInstant(update, 1, clock.instant());
            update.setInt(2, key);
            return update.executeUpdate();
        }
    }

    private Optional<Checkpoint> read(Connection connection, String lock) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT last_seq, last_hash FROM " + table
                + " WHERE " + keyColumn + " = ?" + lock)) {
            select.setInt(1, key);
            try (ResultSet rows = select.executeQuery()) {
                // CHAR(64) reads back padded if someone stored a shorter value
                return rows.next() ? Optional.of(new Checkpoint(rows.getLong(1), rows.getString(2).strip()))
                        : Optional.empty();
            }
        }
    }
}
