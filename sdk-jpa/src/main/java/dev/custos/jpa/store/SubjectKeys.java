// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.store;

import dev.custos.core.CustosException;
import dev.custos.core.audit.SubjectPseudonyms;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The data subjects' pseudonym keys, in {@code custos_subject_key}: one random key per subject, from which
 * {@link SubjectPseudonyms} derives the pseudonym that the audit trail, the consent ledger and the request
 * table use instead of the subject's id. {@link #shred} deletes the key; from then on nobody can compute the
 * pseudonym from the subject's id, so the records that carry it no longer identify the person, while the
 * audit chain stays intact.
 * <p>
 * <b>Transactions:</b> every method works on the caller's connection, inside the caller's transaction; it
 * never commits, rolls back or closes the connection. A key created by {@link #pseudonym} becomes visible to
 * others when the caller commits. Two transactions creating the same subject's key at once are handled: the
 * one that loses the race reads the winner's key (under READ COMMITTED, the default of both databases).
 * <p>
 * <b>Thread safety:</b> stateless and thread-safe; share one instance. The connection itself must not be used
 * by two threads at once, as JDBC requires.
 */
public final class SubjectKeys {

    private final SubjectKeyTable keys;

    /** Stores that stamp {@code created_at} with the system clock. */
    public SubjectKeys() {
        this(Clock.systemUTC());
    }

    /** Stores that stamp {@code created_at} with {@code clock}. */
    public SubjectKeys(Clock clock) {
        this.keys = new SubjectKeyTable("custos_subject_key", Objects.requireNonNull(clock, "clock"));
    }

    /**
     * The subject's pseudonym, creating the subject's key on first use.
     *
     * @throws dev.custos.core.CustosException {@code CUSTOS-04201} when the database fails
     */
    public String pseudonym(Connection connection, String subjectId) {
        Objects.requireNonNull(subjectId, "subjectId");
        return Jdbc.run("Creating the pseudonym key of a data subject in custos_subject_key",
                () -> SubjectPseudonyms.pseudonym(keys.getOrCreate(connection, subjectId, SubjectPseudonyms::newKey),
                        subjectId));
    }

    /** The subject's pseudonym if the subject has a key; empty if it never had one or it was shredded. */
    public Optional<String> existingPseudonym(Connection connection, String subjectId) {
        Objects.requireNonNull(subjectId, "subjectId");
        return Jdbc.run("Reading the pseudonym key of a data subject from custos_subject_key",
                () -> keys.read(connection, subjectId).map(key -> SubjectPseudonyms.pseudonym(key, subjectId)));
    }

    /**
     * Destroys the subject's key, the last step of erasing a subject. Records that carry the subject's pseudonym
     * stay as they are, but can no longer be linked to the subject's id. The deletion takes effect when the
     * caller commits; a database backup taken before still holds the key, so backups must age out too.
     *
     * @return whether there was a key to destroy
     */
    public boolean shred(Connection connection, String subjectId) {
        Objects.requireNonNull(subjectId, "subjectId");
        return Jdbc.run("Deleting the pseudonym key of a data subject from custos_subject_key",
                () -> keys.delete(connection, subjectId));
    }

    /**
     * A keyed pseudonym of {@code value} under the subject's key (creating the key on first use), for
     * pseudonymising the subject's data: it links the subject's rows while the key exists and nothing once it
     * is shredded.
     */
    public String pseudonymOf(Connection connection, String subjectId, String value) {
        Objects.requireNonNull(value, "value");
        pseudonym(connection, subjectId);
        byte[] key = Jdbc.run("Reading the pseudonym key of a data subject from custos_subject_key",
                () -> keys.read(connection, subjectId)).orElseThrow();
        return SubjectPseudonyms.pseudonym(key, value);
    }

    /**
     * The pseudonyms of those of {@code subjectIds} that have a key, in one query per 500 subjects; subjects
     * without a key (never had one, or shredded) are absent.
     */
    public Map<String, String> existingPseudonyms(Connection connection, Collection<String> subjectIds) {
        List<String> ids = subjectIds.stream().filter(Objects::nonNull).distinct().toList();
        Map<String, String> pseudonyms = new HashMap<>();
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            String sql = "SELECT subject_id, key_bytes FROM custos_subject_key WHERE subject_id IN ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")";
            Jdbc.run("Reading pseudonym keys of data subjects from custos_subject_key", () -> {
                try (PreparedStatement select = connection.prepareStatement(sql)) {
                    for (int i = 0; i < chunk.size(); i++) {
                        select.setString(i + 1, chunk.get(i));
                    }
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            String subjectId = rows.getString(1);
                            pseudonyms.put(subjectId, SubjectPseudonyms.pseudonym(rows.getBytes(2), subjectId));
                        }
                    }
                    return null;
                }
            });
        }
        return pseudonyms;
    }
}
