// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.store;

import dev.custos.core.CustosException;
import dev.custos.core.audit.AuditAction;
import dev.custos.core.audit.AuditEvent;
import dev.custos.core.audit.AuditOutcome;
import dev.custos.core.audit.AuditRecord;
import dev.custos.core.audit.Checkpoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/**
 * The rows of one chain of {@code custos_audit_record}: records written (by COPY on PostgreSQL, JDBC batches
 * elsewhere) and read back exactly as hashed. Stateless apart from the chain id; thread-safe.
 */
final class AuditRows {

    static final String COLUMNS = "record_seq, occurred_at, actor, subject_ref, action, entity_name,"
            + " entity_id, field_names, purpose, legal_basis, outcome, detail, previous_hash, record_hash";

    /** Records per JDBC batch where COPY is not available. */
    private static final int BATCH = 100;
    /** Records at most that {@link #insertMovingHead} sends in one statement with the head's move. */
    private static final int WITH_HEAD = 20;
    /** One record's values in that statement, typed: a row of VALUES takes no type from its target column. */
    private static final String VALUES_ROW = "(CAST(? AS BIGINT), CAST(? AS TIMESTAMP), CAST(? AS VARCHAR),"
            + " CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR),"
            + " CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS CHAR(64)),"
            + " CAST(? AS CHAR(64)))";

    private final int chainId;

    AuditRows(int chainId) {
        this.chainId = chainId;
    }

    /** Inserts {@code records}, whose field lists are {@code fieldNames}, in the caller's transaction. */
    void insert(Connection connection, List<AuditRecord> records, List<String> fieldNames) throws SQLException {
        if (records.size() > 1 && PgCopy.usable(connection)) {
            PgCopy.Rows rows = new PgCopy.Rows();
            for (int i = 0; i < records.size(); i++) {
                AuditRecord record = records.get(i);
                AuditEvent event = record.event();
                rows.number(chainId).number(record.sequence()).instant(event.occurredAt()).text(event.actor())
                        .text(event.subjectRef()).text(event.action().name()).text(event.entity())
                        .text(event.entityId()).text(fieldNames.get(i)).text(event.purpose()).text(event.basis())
                        .text(event.outcome().name()).text(event.detail()).text(record.previousHash())
                        .text(record.hash()).endRow();
            }
            PgCopy.copyIn(connection, "COPY custos_audit_record (chain_id, " + COLUMNS + ") FROM STDIN", rows);
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO custos_audit_record (chain_id, "
                + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < records.size(); i++) {
                AuditRecord record = records.get(i);
                AuditEvent event = record.event();
                insert.setInt(1, chainId);
                insert.setLong(2, record.sequence());
                Jdbc.setInstant(insert, 3, event.occurredAt());
                insert.setString(4, event.actor());
                Jdbc.setText(insert, 5, event.subjectRef());
                insert.setString(6, event.action().name());
                Jdbc.setText(insert, 7, event.entity());
                Jdbc.setText(insert, 8, event.entityId());
                Jdbc.setText(insert, 9, fieldNames.get(i));
                Jdbc.setText(insert, 10, event.purpose());
                Jdbc.setText(insert, 11, event.basis());
                insert.setString(12, event.outcome().name());
                Jdbc.setText(insert, 13, event.detail());
                insert.setString(14, record.previousHash());
                insert.setString(15, record.hash());
                if (records.size() == 1) {
                    insert.executeUpdate();
                    return;
                }
                insert.addBatch();
                if ((i + 1) % BATCH == 0 || i + 1 == records.size()) {
                    insert.executeBatch();
                }
            }
        }
    }

    /** Whether {@link #insertMovingHead} writes {@code records} records in the one statement that moves the head. */
    boolean movesHeadInOneStatement(Connection connection, int records) throws SQLException {
        return records <= WITH_HEAD && Jdbc.isPostgresql(connection);
    }

    /**
     * Moves {@code head} from {@code from} to {@code to} and inserts {@code records} if the head is still at
     * {@code from}, and says whether it did; nothing is written otherwise. On PostgreSQL a few records go in the
     * same statement as the move (a data-modifying WITH), one round trip; elsewhere, and for more, the conditional
     * move comes first and the records follow as {@link #insert} writes them.
     */
    boolean insertMovingHead(Connection connection, List<AuditRecord> records, List<String> fieldNames,
                             ChainHead head, Checkpoint from, Checkpoint to, Clock clock) throws SQLException {
        if (!movesHeadInOneStatement(connection, records.size())) {
            if (!head.moveFrom(connection, from, to, clock)) {
                return false;
            }
            insert(connection, records, fieldNames);
            return true;
        }
        StringBuilder sql = new StringBuilder("WITH moved AS (UPDATE ").append(head.table())
                .append(" SET last_seq = ?, last_hash = ?, updated_at = ? WHERE ").append(head.keyColumn())
                .append(" = ? AND last_seq = ? AND last_hash = ? RETURNING ").append(head.keyColumn())
                .append(") INSERT INTO custos_audit_record (chain_id, ").append(COLUMNS).append(") SELECT moved.")
                .append(head.keyColumn()).append(", v.* FROM moved CROSS JOIN (VALUES ");
        for (int i = 0; i < records.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(VALUES_ROW);
        }
        sql.append(") AS v");
        try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
            insert.setLong(1, to.sequence());
            insert.setString(2, to.hash());
            Jdbc.setInstant(insert, 3, clock.instant());
            insert.setInt(4, head.key());
            insert.setLong(5, from.sequence());
            insert.setString(6, from.hash());
            int p = 7;
            for (int i = 0; i < records.size(); i++) {
                AuditRecord record = records.get(i);
                AuditEvent event = record.event();
                insert.setLong(p++, record.sequence());
                Jdbc.setInstant(insert, p++, event.occurredAt());
                insert.setString(p++, event.actor());
                Jdbc.setText(insert, p++, event.subjectRef());
                insert.setString(p++, event.action().name());
                Jdbc.setText(insert, p++, event.entity());
                Jdbc.setText(insert, p++, event.entityId());
                Jdbc.setText(insert, p++, fieldNames.get(i));
                Jdbc.setText(insert, p++, event.purpose());
                Jdbc.setText(insert, p++, event.basis());
                insert.setString(p++, event.outcome().name());
                Jdbc.setText(insert, p++, event.detail());
                insert.setString(p++, record.previousHash());
                insert.setString(p++, record.hash());
            }
            return insert.executeUpdate() == records.size();
        }
    }

    /** The record on the current row of {@code rows}, which selected {@link #COLUMNS}. */
    AuditRecord read(ResultSet rows) throws SQLException {
        long sequence = rows.getLong("record_seq");
        AuditEvent event;
        try {
            event = new AuditEvent(Jdbc.getInstant(rows, "occurred_at"), rows.getString("actor"),
                    Jdbc.getText(rows, "subject_ref"), enumValue(AuditAction.class, rows, "action", sequence),
                    Jdbc.getText(rows, "entity_name"), Jdbc.getText(rows, "entity_id"),
                    Jdbc.splitNames(rows.getString("field_names")), Jdbc.getText(rows, "purpose"),
                    Jdbc.getText(rows, "legal_basis"), enumValue(AuditOutcome.class, rows, "outcome", sequence),
                    Jdbc.getText(rows, "detail"));
        } catch (CustosException e) {
            // An unpaired surrogate, which Custos never writes.
            throw new ChainPages.UnreadableRow(StoreMessages.auditRowUnreadable(Long.toString(sequence),
                    Integer.toString(chainId), "text", e.detail().text()));
        }
        // CHAR(64) columns read back padded if someone stored a shorter value; the verifier must see it as is.
        return new AuditRecord(sequence, event, rows.getString("previous_hash").strip(),
                rows.getString("record_hash").strip());
    }

    private <E extends Enum<E>> E enumValue(Class<E> type, ResultSet rows, String column, long sequence)
            throws SQLException {
        String value = rows.getString(column);
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ChainPages.UnreadableRow(StoreMessages.auditRowUnreadable(Long.toString(sequence),
                    Integer.toString(chainId), column, String.valueOf(value)));
        }
    }
}
