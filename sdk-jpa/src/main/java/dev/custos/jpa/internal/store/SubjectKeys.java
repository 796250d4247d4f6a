// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.store;

import dev.custos.core.CustosException;
import dev.custos.core.audit.SubjectPseudonyms;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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
 * audit chain stays intact. Where the policy pack requires the audit to keep identifying erased subjects for a
 * while, erasure {@linkplain #scheduleShred schedules} the deletion instead ({@code shred_after}, schema
 * version 6) and the retention sweep carries it out ({@link #shredDue}).
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
    private final SubjectChanges changes = new SubjectChanges();

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
        changes.record(connection, List.of(subjectId)); // its consent events become unreadable
        return Jdbc.run("Deleting the pseudonym key of a data subject from custos_subject_key",
                () -> keys.delete(connection, subjectId));
    }

    /**
     * Schedules the destruction of the subject's key for {@code at} instead of destroying it now: the last step of
     * erasing a subject when the policy pack requires the audit to keep identifying erased subjects for a while
     * ({@code <audit-identity>}). Until then the key stays usable, so the audit records still resolve to the
     * subject; {@link #shredDue} destroys it once {@code at} has passed. Takes effect when the caller commits.
     *
     * @return whether the subject has a key to schedule
     */
    public boolean scheduleShred(Connection connection, String subjectId, Instant at) {
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(at, "at");
        return Jdbc.run("Scheduling the destruction of a pseudonym key in custos_subject_key", () -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE custos_subject_key SET shred_after = ? WHERE subject_id = ?")) {
                Jdbc.setInstant(update, 1, at);
                update.setString(2, subjectId);
                return update.executeUpdate() > 0;
            }
        });
    }

    /** When the subject's key is to be destroyed; empty when it is in use, never existed or is gone. */
    public Optional<Instant> shredAfter(Connection connection, String subjectId) {
        Objects.requireNonNull(subjectId, "subjectId");
        return Jdbc.run("Reading the scheduled destruction of a pseudonym key from custos_subject_key", () -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT shred_after FROM custos_subject_key WHERE subject_id = ?")) {
                select.setString(1, subjectId);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Jdbc.optionalInstant(rows, "shred_after") : Optional.<Instant>empty();
                }
            }
        });
    }

    /**
     * Destroys up to {@code limit} keys whose scheduled destruction ({@link #scheduleShred}) is at or before
     * {@code now}, set-based: one query picks them (in subject order, over the {@code shred_after} index), one
     * statement deletes them. Call it again, in a new transaction, while it returns {@code limit}.
     *
     * @return how many keys were destroyed
     */
    public int shredDue(Connection connection, Instant now, int limit) {
        Objects.requireNonNull(now, "now");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        return Jdbc.run("Deleting pseudonym keys due for destruction from custos_subject_key", () -> {
            List<String> due = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT subject_id FROM custos_subject_key"
                    + " WHERE shred_after <= ? ORDER BY subject_id FETCH FIRST " + limit + " ROWS ONLY")) {
                Jdbc.setInstant(select, 1, now);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        due.add(rows.getString(1));
                    }
                }
            }
            if (due.isEmpty()) {
                return 0;
            }
            changes.record(connection, due); // their consent events become unreadable
            // shred_after is checked again: a key rescheduled meanwhile (the subject erased once more) stays
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM custos_subject_key"
                    + " WHERE shred_after <= ? AND subject_id IN ("
                    + Jdbc.marks(due.size()) + ")")) {
                Jdbc.setInstant(delete, 1, now);
                for (int i = 0; i < due.size(); i++) {
                    delete.setString(i + 2, due.get(i));
                }
                return delete.executeUpdate();
            }
        });
    }

    /** How many keys are due for destruction at {@code now}, for a dry run. */
    public long countDue(Connection connection, Instant now) {
        Objects.requireNonNull(now, "now");
        return Jdbc.run("Counting pseudonym keys due for destruction in custos_subject_key", () -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT COUNT(*) FROM custos_subject_key WHERE shred_after <= ?")) {
                Jdbc.setInstant(select, 1, now);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
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
        for (List<String> chunk : Jdbc.chunks(ids)) {
            Jdbc.run("Reading pseudonym keys of data subjects from custos_subject_key", () -> {
                String sql = "SELECT subject_id, key_bytes FROM "
                        + Jdbc.probing(connection, "custos_subject_key", "constraint=custos_subject_key_pk")
                        + " WHERE subject_id IN (" + Jdbc.marks(chunk.size()) + ")";
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
