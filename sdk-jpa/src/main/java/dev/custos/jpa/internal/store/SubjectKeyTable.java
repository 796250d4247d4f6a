// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.store;

import dev.custos.core.CustosException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One key per data subject in a table {@code (subject_id, key_bytes, created_at)}: read, create race-safely,
 * delete. The pseudonym keys and the data keys are two such tables. Works on the caller's connection and
 * transaction; stateless apart from its table and clock, thread-safe.
 */
final class SubjectKeyTable {

    private final String table;
    private final Clock clock;

    /** @param table a fixed table name of Custos', never user input */
    SubjectKeyTable(String table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    Optional<byte[]> read(Connection connection, String subjectId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT key_bytes FROM " + table + " WHERE subject_id = ?")) {
            select.setString(1, subjectId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getBytes(1)) : Optional.empty();
            }
        }
    }

    /** The subject's key, inserting {@code fresh} if there is none; the loser of a race reads the winner's key. */
    byte[] getOrCreate(Connection connection, String subjectId, Supplier<byte[]> fresh) throws SQLException {
        Optional<byte[]> key = read(connection, subjectId);
        if (key.isPresent()) {
            return key.get();
        }
        byte[] created = fresh.get();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + table + " (subject_id, key_bytes, created_at) VALUES (?, ?, ?)")) {
            insert.setString(1, subjectId);
            insert.setBytes(2, created);
            Jdbc.setInstant(insert, 3, clock.instant());
            if (Jdbc.insertUnlessDuplicate(connection, insert)) {
                return created;
            }
        }
        // Another transaction created the key between our read and our insert: use its key.
        return read(connection, subjectId).orElseThrow(() -> new CustosException(
                StoreMessages.concurrentRowInvisible(table, Jdbc.isolation(connection))));
    }

    boolean delete(Connection connection, String subjectId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM " + table + " WHERE subject_id = ?")) {
            delete.setString(1, subjectId);
            return delete.executeUpdate() > 0;
        }
    }
}
