// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.store;

import dev.custos.core.CustosException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The data subjects' data keys, in {@code custos_subject_data_key} (schema version 5): one random AES-256 key
 * per subject, under which the values of CRYPTO_SHRED attributes are stored encrypted. {@link #shred} deletes
 * the key, which erases every such value of the subject at once. Separate from the pseudonym keys of
 * {@link SubjectKeys}: shredding data does not unlink the audit trail, and forgetting a subject does not need
 * its data to be encrypted.
 * <p>
 * <b>Transactions:</b> every method works on the caller's connection, inside the caller's transaction; it never
 * commits, rolls back or closes it. Create keys in a short transaction of their own (see
 * {@code StoreBackedAudit}): a key created inside a writing transaction would stay invisible, and locked, until
 * that transaction ends. Two transactions creating the same subject's key at once are handled: the loser reads
 * the winner's key. Stateless and thread-safe.
 */
public final class SubjectDataKeys {

    /** The key length in bytes (AES-256). */
    public static final int KEY_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;

    public SubjectDataKeys(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The subject's data key, creating it on first use.
     *
     * @throws CustosException {@code CUSTOS-04201} when the database fails
     */
    public byte[] key(Connection connection, String subjectId) {
        Objects.requireNonNull(subjectId, "subjectId");
        return Jdbc.run("Creating the data key of a data subject in custos_subject_data_key", () -> {
            Optional<byte[]> key = readKey(connection, subjectId);
            if (key.isPresent()) {
                return key.get();
            }
            byte[] fresh = new byte[KEY_BYTES];
            RANDOM.nextBytes(fresh);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO custos_subject_data_key (subject_id, key_bytes, created_at) VALUES (?, ?, ?)")) {
                insert.setString(1, subjectId);
                insert.setBytes(2, fresh);
                Jdbc.setInstant(insert, 3, clock.instant());
                if (Jdbc.insertUnlessDuplicate(connection, insert)) {
                    return fresh;
                }
            }
            return readKey(connection, subjectId).orElseThrow(() -> new CustosException(
                    StoreMessages.concurrentRowInvisible("custos_subject_data_key", Jdbc.isolation(connection))));
        });
    }

    /** The subject's data key; empty if it never had one or it was shredded. */
    public Optional<byte[]> existingKey(Connection connection, String subjectId) {
        Objects.requireNonNull(subjectId, "subjectId");
        return Jdbc.run("Reading the data key of a data subject from custos_subject_data_key",
                () -> readKey(connection, subjectId));
    }

    /**
     * Destroys the subject's data key: every value encrypted under it is erased. Takes effect when the caller
     * commits; a database backup taken before still holds the key, so backups must age out too.
     *
     * @return whether there was a key to destroy
     */
    public boolean shred(Connection connection, String subjectId) {
        Objects.requireNonNull(subjectId, "subjectId");
        return Jdbc.run("Deleting the data key of a data subject from custos_subject_data_key", () -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM custos_subject_data_key WHERE subject_id = ?")) {
                delete.setString(1, subjectId);
                return delete.executeUpdate() > 0;
            }
        });
    }

    private static Optional<byte[]> readKey(Connection connection, String subjectId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT key_bytes FROM custos_subject_data_key WHERE subject_id = ?")) {
            select.setString(1, subjectId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getBytes(1)) : Optional.empty();
            }
        }
    }
}
