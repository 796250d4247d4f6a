// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.store;

import dev.custos.core.CustosException;
import java.security.SecureRandom;
import java.sql.Connection;
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

    private final SubjectKeyTable keys;

    public SubjectDataKeys(Clock clock) {
        this.keys = new SubjectKeyTable("custos_subject_data_key", Objects.requireNonNull(clock, "clock"));
    }

    /**
     * The subject's data key, creating it on first use.
     *
     * @throws CustosException {@code CUSTOS-04201} when the database fails
     */
    public byte[] key(Connection connection, String subjectId) {
        Objects.requireNonNull(subjectId, "subjectId");
        return Jdbc.run("Creating the data key of a data subject in custos_subject_data_key",
                () -> keys.getOrCreate(connection, subjectId, () -> {
                    byte[] fresh = new byte[KEY_BYTES];
                    RANDOM.nextBytes(fresh);
                    return fresh;
                }));
    }

    /** The subject's data key; empty if it never had one or it was shredded. */
    public Optional<byte[]> existingKey(Connection connection, String subjectId) {
        Objects.requireNonNull(subjectId, "subjectId");
        return Jdbc.run("Reading the data key of a data subject from custos_subject_data_key",
                () -> keys.read(connection, subjectId));
    }

    /**
     * Destroys the subject's data key: every value encrypted under it is erased. Takes effect when the caller
     * commits; a database backup taken before still holds the key, so backups must age out too.
     *
     * @return whether there was a key to destroy
     */
    public boolean shred(Connection connection, String subjectId) {
        Objects.requireNonNull(subjectId, "subjectId");
        return Jdbc.run("Deleting the data key of a data subject from custos_subject_data_key",
                () -> keys.delete(connection, subjectId));
    }
}
