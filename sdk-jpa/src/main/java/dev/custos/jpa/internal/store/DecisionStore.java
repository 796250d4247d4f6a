// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.store;

import dev.custos.jpa.request.Decision;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The erasure lines kept for a person's decision, {@code custos_decision} (schema version 8): opened by erasure
 * requests and sweeps, listed while undecided, decided once. A line is opened once per origin, row and attributes
 * (a rerun of the request, or the next sweep, finds it and leaves it as it is, decided or not).
 * <p>
 * <b>Transactions:</b> every method works on the caller's connection, in the caller's transaction, and never
 * commits, rolls back or closes it. <b>Thread safety:</b> stateless and thread-safe.
 */
public final class DecisionStore {

    private static final String COLUMNS = "decision_id, origin, origin_id, entity_name, entity_id, attributes,"
            + " rule_id, citation, subject_ref, opened_at, outcome, reason, decided_by, decided_at";

    /**
     * Records {@code lines} as undecided, except those whose origin, row and attributes have a line already
     * (decided or not): one look-up per {@value Jdbc#IN_CHUNK} rows of an entity, then one batch of inserts.
     *
     * @return the lines recorded now
     */
    public int openAll(Connection connection, List<Decision> lines) {
        if (lines.isEmpty()) {
            return 0;
        }
        Map<String, List<Decision>> byScope = new LinkedHashMap<>();
        lines.forEach(l -> byScope.computeIfAbsent(l.origin() + "\u0000" + l.originId() + "\u0000" + l.entity(),
                k -> new ArrayList<>()).add(l));
        List<Decision> fresh = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (List<Decision> scope : byScope.values()) {
            Decision first = scope.get(0);
            Set<String> existing = existingKeys(connection, first, scope.stream().map(Decision::entityId)
                    .distinct().toList());
            scope.stream().filter(l -> !existing.contains(l.lineKey()) && seen.add(l.origin() + l.originId()
                    + l.lineKey())).forEach(fresh::add);
        }
        if (fresh.isEmpty()) {
            return 0;
        }
        return Jdbc.run("Recording erasure lines for a decision in custos_decision", () -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO custos_decision (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL)")) {
                for (Decision line : fresh) {
                    insert.setString(1, line.id());
                    insert.setString(2, line.origin().name());
                    insert.setString(3, line.originId());
                    insert.setString(4, line.entity());
                    insert.setString(5, line.entityId());
                    insert.setString(6, Jdbc.joinNames("Attribute", line.attributes()));
                    insert.setString(7, line.ruleId());
                    insert.setString(8, line.citation());
                    Jdbc.setText(insert, 9, line.subjectRef().orElse(null));
                    Jdbc.setInstant(insert, 10, line.openedAt());
                    insert.addBatch();
                }
                insert.executeBatch();
                return fresh.size();
            }
        });
    }

    private Set<String> existingKeys(Connection connection, Decision scope, List<String> entityIds) {
        Set<String> keys = new HashSet<>();
        for (List<String> chunk : Jdbc.chunks(entityIds)) {
            Jdbc.run("Reading erasure lines from custos_decision", () -> {
                try (PreparedStatement select = connection.prepareStatement("SELECT entity_id, attributes FROM"
                        + " custos_decision WHERE origin = ? AND origin_id = ? AND entity_name = ? AND entity_id IN ("
                        + Jdbc.marks(chunk.size()) + ")")) {
                    select.setString(1, scope.origin().name());
                    select.setString(2, scope.originId());
                    select.setString(3, scope.entity());
                    for (int i = 0; i < chunk.size(); i++) {
                        select.setString(4 + i, chunk.get(i));
                    }
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            keys.add(Decision.key(scope.entity(), rows.getString(1),
                                    Jdbc.splitNames(rows.getString(2))));
                        }
                    }
                    return null;
                }
            });
        }
        return keys;
    }

    /** Line {@code decisionId}, if recorded. */
    public Optional<Decision> find(Connection connection, String decisionId) {
        Objects.requireNonNull(decisionId, "decisionId");
        List<Decision> found = select(connection, "WHERE decision_id = ?", List.of(decisionId));
        return found.stream().findFirst();
    }

    /** The lines of one origin (a request's id, or a rule's id for the sweep), decided or not, oldest first. */
    public List<Decision> forOrigin(Connection connection, Decision.Origin origin, String originId) {
        return select(connection, "WHERE origin = ? AND origin_id = ? ORDER BY opened_at, decision_id",
                List.of(origin.name(), originId));
    }

    /** Every line still waiting for a decision, oldest first. */
    public List<Decision> undecided(Connection connection) {
        return select(connection, "WHERE outcome IS NULL ORDER BY opened_at, decision_id", List.of());
    }

    /** How many lines each request has waiting for a decision; requests with none are absent. */
    public Map<String, Long> undecidedByRequest(Connection connection) {
        return Jdbc.run("Counting undecided erasure lines in custos_decision", () -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT origin_id, COUNT(*) FROM"
                    + " custos_decision WHERE outcome IS NULL AND origin = 'REQUEST' GROUP BY origin_id");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getLong(2));
                }
            }
            return counts;
        });
    }

    /**
     * Records the decision on an undecided line. The update write-locks the line until the transaction ends, so of
     * two people deciding the same line at once, one decides and the other is told it is decided.
     *
     * @return false when the line is decided already (or does not exist): nothing was changed
     */
    public boolean decide(Connection connection, String decisionId, Decision.Outcome outcome, String reason,
                          String decidedBy, Instant at) {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(decidedBy, "decidedBy");
        return Jdbc.run("Recording a decision in custos_decision", () -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE custos_decision SET outcome = ?,"
                    + " reason = ?, decided_by = ?, decided_at = ? WHERE decision_id = ? AND outcome IS NULL")) {
                update.setString(1, outcome.name());
                Jdbc.setText(update, 2, reason);
                update.setString(3, decidedBy);
                Jdbc.setInstant(update, 4, Jdbc.stored(at));
                update.setString(5, decisionId);
                return update.executeUpdate() == 1;
            }
        });
    }

    private static List<Decision> select(Connection connection, String where, List<String> parameters) {
        return Jdbc.run("Reading erasure lines from custos_decision", () -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM custos_decision " + where)) {
                for (int i = 0; i < parameters.size(); i++) {
                    select.setString(i + 1, parameters.get(i));
                }
                List<Decision> lines = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        lines.add(read(rows));
                    }
                }
                return lines;
            }
        });
    }

    private static Decision read(ResultSet rows) throws SQLException {
        String outcome = rows.getString("outcome");
        return new Decision(rows.getString("decision_id"), Decision.Origin.valueOf(rows.getString("origin")),
                rows.getString("origin_id"), rows.getString("entity_name"), rows.getString("entity_id"),
                Jdbc.splitNames(rows.getString("attributes")), rows.getString("rule_id"), rows.getString("citation"),
                Optional.ofNullable(rows.getString("subject_ref")), Jdbc.getInstant(rows, "opened_at"),
                Optional.ofNullable(outcome).map(Decision.Outcome::valueOf),
                Optional.ofNullable(rows.getString("reason")), Optional.ofNullable(rows.getString("decided_by")),
                Jdbc.optionalInstant(rows, "decided_at"));
    }
}
