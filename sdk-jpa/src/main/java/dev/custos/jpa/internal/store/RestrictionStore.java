// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.store;

import dev.custos.jpa.request.Restriction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;

/**
 * Restrictions of processing, in {@code custos_restriction} (schema version 3). Works on the caller's connection
 * and never commits; instants are stored in UTC to the microsecond. Stateless and thread-safe.
 */
public final class RestrictionStore {

    public void place(Connection connection, String subjectId, String requestId, Instant at) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO custos_restriction (subject_id,"
                + " request_id, placed_at) VALUES (?, ?, ?)")) {
            insert.setString(1, subjectId);
            insert.setString(2, requestId);
            setInstant(insert, 3, at);
            insert.executeUpdate();
        }
    }

    /** Lifts every restriction of the subject in force; returns how many. */
    public int lift(Connection connection, String subjectId, Instant at) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE custos_restriction SET lifted_at = ?"
                + " WHERE subject_id = ? AND lifted_at IS NULL")) {
            setInstant(update, 1, at);
            update.setString(2, subjectId);
            return update.executeUpdate();
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
                    Timestamp lifted = rows.getTimestamp("lifted_at", utc());
                    restrictions.add(new Restriction(rows.getString("request_id"),
                            rows.getTimestamp("placed_at", utc()).toInstant(),
                            Optional.ofNullable(lifted).map(Timestamp::toInstant)));
                }
            }
            return restrictions;
        }
    }

    private static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP);
        } else {
            statement.setTimestamp(index, Timestamp.from(value.truncatedTo(ChronoUnit.MICROS)), utc());
        }
    }

    private static Calendar utc() {
        return Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    }
}
