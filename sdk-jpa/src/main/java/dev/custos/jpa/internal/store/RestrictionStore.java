// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.store;

import dev.custos.jpa.request.Restriction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Restrictions of processing, in {@code custos_restriction} (schema version 3): the one place its SQL is written.
 * Works on the caller's connection and never commits; placing or lifting records the change for the nodes that
 * read ({@link SubjectChanges}); instants are stored in UTC to the microsecond. Stateless and
 * thread-safe.
 */
public final class RestrictionStore {

    private final SubjectChanges changes = new SubjectChanges();

    public void place(Connection connection, String subjectId, String requestId, Instant at) throws SQLException {
        changes.record(connection, List.of(subjectId));
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO custos_restriction (subject_id,"
                + " request_id, placed_at) VALUES (?, ?, ?)")) {
            insert.setString(1, subjectId);
            insert.setString(2, requestId);
            Jdbc.setInstant(insert, 3, at);
            insert.executeUpdate();
        }
    }

    /** Lifts every restriction of the subject in force; returns how many. */
    public int lift(Connection connection, String subjectId, Instant at) throws SQLException {
        changes.record(connection, List.of(subjectId));
        try (PreparedStatement update = connection.prepareStatement("UPDATE custos_restriction SET lifted_at = ?"
                + " WHERE subject_id = ? AND lifted_at IS NULL")) {
            Jdbc.setInstant(update, 1, at);
            update.setString(2, subjectId);
            return update.executeUpdate();
        }
    }

    /** Names the subject's restrictions by its pseudonym {@code ref} instead of its id, when it is erased. */
    public void pseudonymise(Connection connection, String subjectId, String ref) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE custos_restriction SET subject_id = ?"
                + " WHERE subject_id = ?")) {
            update.setString(1, ref);
            update.setString(2, subjectId);
            update.executeUpdate();
        }
    }

    /** Every restriction of the subject, oldest first. */
    public List<Restriction> forSubject(Connection connection, String subjectId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT request_id, placed_at, lifted_at"
                + " FROM custos_restriction WHERE subject_id = ? ORDER BY placed_at, request_id")) {
            select.setString(1, subjectId);
            List<Restriction> restrictions = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    restrictions.add(new Restriction(rows.getString("request_id"), Jdbc.getInstant(rows, "placed_at"),
                            Jdbc.optionalInstant(rows, "lifted_at")));
                }
            }
            return restrictions;
        }
    }

    /** Those of {@code subjectIds} with a restriction in force: one query per {@value Jdbc#IN_CHUNK} subjects. */
    public Set<String> restrictedAmong(Connection connection, Collection<String> subjectIds) throws SQLException {
        Set<String> restricted = new HashSet<>();
        for (List<String> chunk : Jdbc.chunks(subjectIds.stream().distinct().toList())) {
            try (PreparedStatement select = connection.prepareStatement("SELECT DISTINCT subject_id"
                    + " FROM custos_restriction WHERE lifted_at IS NULL AND subject_id IN ("
                    + Jdbc.marks(chunk.size()) + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        restricted.add(rows.getString(1));
                    }
                }
            }
        }
        return restricted;
    }
}
