// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.store;

import dev.custos.core.CustosException;
import dev.custos.core.retention.LegalHold;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Legal holds, in {@code custos_legal_hold}: data kept past its retention while a case is pending. A hold
 * covers one entity of a subject, all entities of a kind, or everything about the subject. Released holds
 * stay in the table with who released them and when.
 * <p>
 * This is the store: it neither checks a hold's reason against the policy pack nor audits. Applications place
 * and release holds through {@link dev.custos.jpa.retention.LegalHolds} (Java SE) or sdk-cdi's
 * {@code RetentionService}, which do both in the hold's transaction.
 * <p>
 * <b>Transactions:</b> methods work on the caller's connection and never commit, roll back or close it.
 * <p>
 * <b>Thread safety:</b> stateless and thread-safe; share one instance.
 */
public final class LegalHoldStore {

    private static final String COLUMNS = "hold_id, reason_id, placed_at, released_at, placed_by, note";

    /**
     * Places {@code hold} on the subject's data.
     *
     * @param entityName the entity held, or empty for everything about the subject
     * @param entityId   the entity's id, or empty for every entity of that name
     * @param hold       the hold, not released
     * @throws CustosException {@code CUSTOS-04210} for a released hold, {@code CUSTOS-04212} for an id without
     *                         an entity, {@code CUSTOS-04201} when the database fails (a duplicate id, too)
     */
    public void place(Connection connection, String subjectId, Optional<String> entityName, Optional<String> entityId,
                      LegalHold hold) {
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(hold, "hold");
        if (hold.releasedAt().isPresent()) {
            throw new CustosException(StoreMessages.holdAlreadyReleased(hold.id()));
        }
        if (entityId.isPresent() && entityName.isEmpty()) {
            throw new CustosException(StoreMessages.holdEntityIdWithoutName(hold.id()));
        }
        Jdbc.run("Placing legal hold " + hold.id() + " in custos_legal_hold", () -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO custos_legal_hold (hold_id,"
                    + " subject_id, entity_name, entity_id, reason_id, placed_at, placed_by, note)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, hold.id());
                insert.setString(2, subjectId);
                Jdbc.setText(insert, 3, entityName.orElse(null));
                Jdbc.setText(insert, 4, entityId.orElse(null));
                insert.setString(5, hold.reasonId());
                Jdbc.setInstant(insert, 6, hold.placedAt());
                insert.setString(7, hold.placedBy());
                Jdbc.setText(insert, 8, hold.note());
                return insert.executeUpdate();
            }
        });
    }

    /**
     * A hold as stored, with what it covers.
     *
     * @param subjectId  the subject held (its pseudonym once the subject is erased)
     * @param entityName the entity held, or empty for everything about the subject
     * @param entityId   the entity's id, or empty for every entity of that name
     * @param hold       the hold
     */
    public record Placement(String subjectId, Optional<String> entityName, Optional<String> entityId,
                            LegalHold hold) {
        public Placement {
            Objects.requireNonNull(subjectId, "subjectId");
            Objects.requireNonNull(entityName, "entityName");
            Objects.requireNonNull(entityId, "entityId");
            Objects.requireNonNull(hold, "hold");
        }
    }

    /** Hold {@code holdId}, released or not, with what it covers; empty if there is none. */
    public Optional<Placement> find(Connection connection, String holdId) {
        Objects.requireNonNull(holdId, "holdId");
        return Jdbc.run("Reading legal hold " + holdId + " from custos_legal_hold", () -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT subject_id, entity_name, entity_id, "
                    + COLUMNS + " FROM custos_legal_hold WHERE hold_id = ?")) {
                select.setString(1, holdId);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.<Placement>empty();
                    }
                    return Optional.of(new Placement(rows.getString("subject_id"),
                            Optional.of(Jdbc.getText(rows, "entity_name")).filter(v -> !v.isEmpty()),
                            Optional.of(Jdbc.getText(rows, "entity_id")).filter(v -> !v.isEmpty()),
                            new LegalHold(rows.getString("hold_id"), rows.getString("reason_id"),
                                    Jdbc.getInstant(rows, "placed_at"), Jdbc.optionalInstant(rows, "released_at"),
                                    rows.getString("placed_by"), Jdbc.getText(rows, "note"))));
                }
            }
        });
    }

    /**
     * Replaces the subject's id by its pseudonym in every hold of the subject, and in the entity id of holds on a
     * row whose id is the subject's own, once the subject is erased: no unreleased hold is left then (it would have
     * kept the data), and the released ones stay as the record of who held what and why, without naming the person.
     *
     * @return how many holds changed
     */
    public int pseudonymise(Connection connection, String subjectId, String ref) {
        return Jdbc.run("Pseudonymising a subject's holds in custos_legal_hold", () -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE custos_legal_hold SET subject_id = ?,"
                    + " entity_id = CASE WHEN entity_id = ? THEN ? ELSE entity_id END WHERE subject_id = ?")) {
                update.setString(1, ref);
                update.setString(2, subjectId);
                update.setString(3, ref);
                update.setString(4, subjectId);
                return update.executeUpdate();
            }
        });
    }

    /**
     * Releases hold {@code holdId} at {@code at}.
     *
     * @return false if there is no such hold or it was released before
     */
    public boolean release(Connection connection, String holdId, Instant at, String releasedBy) {
        Objects.requireNonNull(holdId, "holdId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(releasedBy, "releasedBy");
        return Jdbc.run("Releasing legal hold " + holdId + " in custos_legal_hold", () -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE custos_legal_hold"
                    + " SET released_at = ?, released_by = ? WHERE hold_id = ? AND released_at IS NULL")) {
                Jdbc.setInstant(update, 1, at);
                update.setString(2, releasedBy);
                update.setString(3, holdId);
                return update.executeUpdate() == 1;
            }
        });
    }

    /**
     * The holds in force at {@code at} that cover the given data, oldest first. A hold covers it if it holds
     * everything about the subject, every entity of that name, or that very entity.
     *
     * @param entityName the entity asked about, or empty to ask about anything of the subject (then every hold
     *                   on the subject counts)
     * @param entityId   the entity's id, or empty to ask about every entity of that name
     */
    public List<LegalHold> activeFor(Connection connection, String subjectId, Optional<String> entityName,
                                     Optional<String> entityId, Instant at) {
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(at, "at");
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM custos_legal_hold WHERE subject_id = ?"
                + " AND placed_at <= ? AND (released_at IS NULL OR released_at > ?)");
        if (entityName.isPresent()) {
            sql.append(" AND (entity_name IS NULL OR (entity_name = ?");
            sql.append(entityId.isPresent() ? " AND (entity_id IS NULL OR entity_id = ?)))" : "))");
        }
        sql.append(" ORDER BY placed_at, hold_id");
        return Jdbc.run("Reading legal holds from custos_legal_hold", () -> {
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                select.setString(1, subjectId);
                Jdbc.setInstant(select, 2, at);
                Jdbc.setInstant(select, 3, at);
                if (entityName.isPresent()) {
                    select.setString(4, entityName.get());
                    if (entityId.isPresent()) {
                        select.setString(5, entityId.get());
                    }
                }
                List<LegalHold> holds = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        holds.add(new LegalHold(rows.getString("hold_id"), rows.getString("reason_id"),
                                Jdbc.getInstant(rows, "placed_at"), Jdbc.optionalInstant(rows, "released_at"),
                                rows.getString("placed_by"), Jdbc.getText(rows, "note")));
                    }
                }
                return holds;
            }
        });
    }

    /**
     * The holds in force at {@code at} on each of the given rows of entity {@code entityName}, in one query per
     * 500 subjects: a hold counts for a row if it holds everything about the row's subject, every
     * {@code entityName}, or that very row. Rows without a hold are absent from the result.
     *
     * @param subjectsById the rows' ids mapped to their subjects' ids; rows without a subject may be left out
     */
    public Map<String, List<LegalHold>> activeForRows(Connection connection, String entityName,
                                                      Map<String, String> subjectsById, Instant at) {
        return forRows(connection, entityName, subjectsById, at, true);
    }

    /**
     * As {@link #activeForRows}, but every hold not released by {@code at} counts, whenever it was placed: also
     * a hold stamped later than {@code at}, by a node whose clock runs ahead or just after the caller read its
     * clock. For a last check before erasing, where any doubt keeps the data.
     */
    public Map<String, List<LegalHold>> unreleasedForRows(Connection connection, String entityName,
                                                          Map<String, String> subjectsById, Instant at) {
        return forRows(connection, entityName, subjectsById, at, false);
    }

    private Map<String, List<LegalHold>> forRows(Connection connection, String entityName,
                                                 Map<String, String> subjectsById, Instant at, boolean placedByThen) {
        Objects.requireNonNull(entityName, "entityName");
        Objects.requireNonNull(at, "at");
        List<String> subjects = subjectsById.values().stream().filter(Objects::nonNull).distinct().toList();
        Map<String, List<Object[]>> bySubject = new HashMap<>();
        for (List<String> chunk : Jdbc.chunks(subjects)) {
            String marks = Jdbc.marks(chunk.size());
            Jdbc.run("Reading legal holds from custos_legal_hold", () -> {
                String sql = "SELECT subject_id, entity_id, " + COLUMNS + " FROM "
                        + Jdbc.probing(connection, "custos_legal_hold", "index=custos_legal_hold_subject_ix")
                        + " WHERE subject_id IN (" + marks + ")" + (placedByThen ? " AND placed_at <= ?" : "")
                        + " AND (released_at IS NULL OR released_at > ?)"
                        + " AND (entity_name IS NULL OR entity_name = ?) ORDER BY placed_at, hold_id";
                try (PreparedStatement select = connection.prepareStatement(sql)) {
                    int index = 1;
                    for (String subject : chunk) {
                        select.setString(index++, subject);
                    }
                    if (placedByThen) {
                        Jdbc.setInstant(select, index++, at);
                    }
                    Jdbc.setInstant(select, index++, at);
                    select.setString(index, entityName);
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            LegalHold hold = new LegalHold(rows.getString("hold_id"), rows.getString("reason_id"),
                                    Jdbc.getInstant(rows, "placed_at"), Jdbc.optionalInstant(rows, "released_at"),
                                    rows.getString("placed_by"), Jdbc.getText(rows, "note"));
                            bySubject.computeIfAbsent(rows.getString("subject_id"), k -> new ArrayList<>())
                                    .add(new Object[] {rows.getString("entity_id"), hold});
                        }
                    }
                    return null;
                }
            });
        }
        Map<String, List<LegalHold>> byRow = new HashMap<>();
        subjectsById.forEach((rowId, subjectId) -> {
            for (Object[] found : bySubject.getOrDefault(subjectId, List.of())) {
                if (found[0] == null || found[0].equals(rowId)) {
                    byRow.computeIfAbsent(rowId, k -> new ArrayList<>()).add((LegalHold) found[1]);
                }
            }
        });
        return byRow;
    }
}
