// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The erasure log, {@code custos_erasure_log}: what was erased, when and under which rule. The database
 * refuses to change or remove its rows, and its unique constraint on (entity, id, attributes, rule) lets each
 * erasure be logged once only, which makes a retention sweep safe to run again after a crash.
 * <p>
 * <b>Transactions:</b> log the erasure in the transaction that erases, so both commit or neither; methods never
 * commit, roll back or close the connection. {@link #logOnce} refusing a duplicate leaves the caller's
 * transaction usable (it uses a savepoint).
 * <p>
 * <b>Thread safety:</b> stateless and thread-safe; share one instance.
 */
public final class ErasureLog {

    /**
     * Ids per look-up. PostgreSQL prices each id of an IN list as one descent of the unique index; with 500 ids
     * it preferred reading every logged row of the entity once the log held some 50,000. With 50 ids the
     * descents stay cheaper than any scan of a log bigger than a few thousand rows.
     */
    private static final int LOOKUP_CHUNK = 50;

    /** Rows per insert statement of {@link #logAll}. */
    private static final int ROWS_PER_INSERT = 100;

    private static final String COLUMNS = "run_id, entity_name, entity_id, attributes, strategy, rule_id, due_at,"
            + " erased_at, subject_ref";

    private static final String INSERT = "INSERT INTO custos_erasure_log (" + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /**
     * Logs {@code entry} unless the same erasure (entity, id, attributes and rule) was logged before.
     *
     * @return true if logged now, false if it had been logged already (then skip the erasure: it was done)
     * @throws dev.custos.core.CustosException {@code CUSTOS-04203} for an attribute name that is empty or holds a
     *                                         comma
     */
    public boolean logOnce(Connection connection, ErasureEntry entry) {
        Objects.requireNonNull(entry, "entry");
        return Jdbc.run("Logging an erasure of " + entry.entityName() + " in custos_erasure_log", () -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                bind(insert, entry);
                return Jdbc.insertUnlessDuplicate(connection, insert);
            }
        });
    }

    /**
     * Logs {@code entries}, up to {@value #ROWS_PER_INSERT} rows per insert statement (one COPY on PostgreSQL),
     * for erasures the caller found not {@linkplain #loggedIds logged}
     * under the rows' locks. Unlike {@link #logOnce} it takes no savepoint per row: if one of them turns out
     * to be logged already (another transaction erased it at the same time) it returns false, and the caller's
     * transaction must be rolled back, since PostgreSQL aborts it and some entries may be in.
     *
     * @return true if every entry was logged now
     * @throws dev.custos.core.CustosException as {@link #logOnce}
     */
    public boolean logAll(Connection connection, List<ErasureEntry> entries) {
        if (entries.isEmpty()) {
            return true;
        }
        return Jdbc.run("Logging erasures of " + entries.get(0).entityName() + " in custos_erasure_log", () -> {
            if (entries.size() > 1 && PgCopy.usable(connection)) {
                return copyAll(connection, entries);
            }
            // one statement of up to ROWS_PER_INSERT rows: a JDBC batch of single-row inserts still runs one
            // statement per row on the server
            PreparedStatement insert = null;
            try {
                for (List<ErasureEntry> chunk : Jdbc.chunks(entries, ROWS_PER_INSERT)) {
                    if (insert == null || chunk.size() != ROWS_PER_INSERT) {
                        if (insert != null) {
                            insert.close();
                        }
                        insert = connection.prepareStatement(INSERT + ", (?, ?, ?, ?, ?, ?, ?, ?, ?)".repeat(
                                chunk.size() - 1));
                    }
                    for (int i = 0; i < chunk.size(); i++) {
                        bind(insert, 9 * i, Objects.requireNonNull(chunk.get(i), "entry"));
                    }
                    insert.executeUpdate();
                }
                return true;
            } catch (SQLException e) {
                if (Jdbc.isDuplicateKey(e)) {
                    return false;
                }
                throw e;
            } finally {
                if (insert != null) {
                    insert.close();
                }
            }
        });
    }

    /**
     * {@link #logAll} on PostgreSQL: one COPY for all entries (change S2), where multi-row inserts cost a statement
     * of 900 parameters per 100 rows to bind and plan; a duplicate fails the COPY with the unique key's error.
     */
    private static boolean copyAll(Connection connection, List<ErasureEntry> entries) throws SQLException {
        PgCopy.Rows rows = new PgCopy.Rows();
        List<String> names = null;
        String joined = null;
        for (ErasureEntry entry : entries) {
            Objects.requireNonNull(entry, "entry");
            if (!entry.attributes().equals(names)) { // a batch's entries share them
                names = entry.attributes();
                joined = Jdbc.joinNames("Erased attribute", names);
            }
            rows.string(entry.runId()).string(entry.entityName()).string(entry.entityId())
                    .string(joined).string(entry.strategy())
                    .string(entry.ruleId()).instant(entry.dueAt()).instant(entry.erasedAt())
                    .text(entry.subjectRef().orElse(null)).endRow();
        }
        try {
            PgCopy.copyIn(connection, "COPY custos_erasure_log (" + COLUMNS + ") FROM STDIN", rows);
            return true;
        } catch (SQLException e) {
            if (Jdbc.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    private static void bind(PreparedStatement insert, ErasureEntry entry) throws SQLException {
        bind(insert, 0, entry);
    }

    /** Binds {@code entry} to the parameters after {@code offset} (the row's place in a multi-row insert). */
    private static void bind(PreparedStatement insert, int offset, ErasureEntry entry) throws SQLException {
        insert.setString(offset + 1, entry.runId());
        insert.setString(offset + 2, entry.entityName());
        insert.setString(offset + 3, entry.entityId());
        insert.setString(offset + 4, Jdbc.joinNames("Erased attribute", entry.attributes()));
        insert.setString(offset + 5, entry.strategy());
        insert.setString(offset + 6, entry.ruleId());
        Jdbc.setInstant(insert, offset + 7, entry.dueAt());
        Jdbc.setInstant(insert, offset + 8, entry.erasedAt());
        Jdbc.setText(insert, offset + 9, entry.subjectRef().orElse(null));
    }

    /** The erasures of one run, in the order logged. */
    public List<ErasureEntry> forRun(Connection connection, String runId) {
        Objects.requireNonNull(runId, "runId");
        return Jdbc.run("Reading run " + runId + " from custos_erasure_log", () -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT run_id, entity_name, entity_id,"
                    + " attributes, strategy, rule_id, due_at, erased_at, subject_ref FROM custos_erasure_log"
                    + " WHERE run_id = ? ORDER BY erasure_seq")) {
                select.setString(1, runId);
                List<ErasureEntry> entries = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        entries.add(new ErasureEntry(rows.getString("run_id"), rows.getString("entity_name"),
                                rows.getString("entity_id"), Jdbc.splitNames(rows.getString("attributes")),
                                rows.getString("strategy"), rows.getString("rule_id"),
                                Jdbc.getInstant(rows, "due_at"), Jdbc.getInstant(rows, "erased_at"),
                                Optional.ofNullable(rows.getString("subject_ref"))));
                    }
                }
                return entries;
            }
        });
    }

    /**
     * Which of {@code entityIds} already have an erasure of exactly these attributes under {@code ruleId} in the
     * log, in one query per {@value #LOOKUP_CHUNK} ids; a sweep skips them, so nothing is erased twice.
     */
    public Set<String> loggedIds(Connection connection, String entityName, String ruleId, List<String> attributes,
                                 Collection<String> entityIds) {
        Objects.requireNonNull(entityName, "entityName");
        Objects.requireNonNull(ruleId, "ruleId");
        String joined = Jdbc.joinNames("Erased attribute", List.copyOf(new TreeSet<>(attributes)));
        List<String> ids = List.copyOf(entityIds);
        Set<String> logged = new HashSet<>();
        String operation = "Reading erasures of " + entityName + " from custos_erasure_log";
        if (Jdbc.run(operation, () -> Jdbc.isDerby(connection))) {
            return loggedOneByOne(connection, operation, entityName, ruleId, joined, ids);
        }
        Jdbc.run("Planning look-ups in custos_erasure_log", () -> {
            Jdbc.planForParameters(connection);
            return null;
        });
        for (List<String> chunk : Jdbc.chunks(ids, LOOKUP_CHUNK)) {
            String sql = "SELECT entity_id FROM custos_erasure_log WHERE entity_name = ? AND rule_id = ?"
                    + " AND attributes = ? AND entity_id IN (" + Jdbc.marks(chunk.size()) + ")";
            Jdbc.run(operation, () -> {
                try (PreparedStatement select = connection.prepareStatement(sql)) {
                    select.setString(1, entityName);
                    select.setString(2, ruleId);
                    select.setString(3, joined);
                    int index = 4;
                    for (String id : chunk) {
                        select.setString(index++, id);
                    }
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            logged.add(rows.getString(1));
                        }
                    }
                    return null;
                }
            });
        }
        return logged;
    }

    /**
     * {@link #loggedIds} on Derby, which probes an index for an IN list only on the index's leading column: the
     * log's unique key leads with entity_name, so an IN list would read every logged row of the entity. Each id is
     * looked up by the whole key instead, in the same JVM, without round trips.
     */
    private static Set<String> loggedOneByOne(Connection connection, String operation, String entityName,
                                              String ruleId, String attributes, List<String> ids) {
        return Jdbc.run(operation, () -> {
            Set<String> logged = new HashSet<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT entity_id FROM custos_erasure_log"
                    + " WHERE entity_name = ? AND entity_id = ? AND attributes = ? AND rule_id = ?")) {
                select.setString(1, entityName);
                select.setString(3, attributes);
                select.setString(4, ruleId);
                for (String id : ids) {
                    select.setString(2, id);
                    try (ResultSet rows = select.executeQuery()) {
                        if (rows.next()) {
                            logged.add(id);
                        }
                    }
                }
            }
            return logged;
        });
    }

    /**
     * Refreshes PostgreSQL's planner statistics of the log ({@code ANALYZE}), on {@code connection}, which should be
     * a transaction of its own that commits at once. The look-up above is planned from them: without any, as on a
     * server with autovacuum off or before autovacuum's first pass over a log that a large sweep is filling, the
     * planner expects a handful of rows per entity and reads all of the entity's logged rows per look-up
     * (80 ms for 50 ids at 121,000 logged rows, against 0.24 ms once analysed, measured here). PostgreSQL skips the
     * table with a warning, not an error, for a role that does not own it; on other databases nothing is done.
     */
    public void refreshStatistics(Connection connection) {
        Jdbc.run("Refreshing the planner statistics of custos_erasure_log", () -> {
            if (Jdbc.isPostgresql(connection)) {
                try (PreparedStatement analyze = connection.prepareStatement("ANALYZE custos_erasure_log")) {
                    analyze.execute();
                }
            }
            return null;
        });
    }
}
