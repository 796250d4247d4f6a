// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.store;

import dev.custos.core.CustosException;
import dev.custos.core.audit.AuditAction;
import dev.custos.core.audit.AuditChain;
import dev.custos.core.audit.AuditEvent;
import dev.custos.core.audit.AuditOutcome;
import dev.custos.core.audit.AuditRecord;
import dev.custos.core.audit.ChainVerification;
import dev.custos.core.audit.Checkpoint;
import dev.custos.jpa.tx.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The audit trail, {@code custos_audit_record}: hash-chained records (sdk-core's {@link AuditChain}) that the
 * database refuses to change or remove, with the chain's head in {@code custos_audit_head}.
 * <p>
 * <b>Transactions:</b> {@link #append} must run inside the caller's transaction (auto-commit off), the one
 * that makes the change being audited, so that the record commits or rolls back with it. It write-locks the
 * chain's head row in {@code custos_audit_head} until the caller commits, which serialises appends to one chain
 * across threads and nodes: keep audited transactions short. No method commits, rolls back or closes the
 * connection.
 * <p>
 * Event instants are stored in UTC to the microsecond; {@link #append} drops finer digits before hashing, so
 * the returned record is exactly what is stored and verifies on every database.
 * <p>
 * <b>Thread safety:</b> stateless and thread-safe; share one instance per chain.
 */
public final class AuditTrail {

    /** The chain Custos writes to unless told otherwise. */
    public static final int DEFAULT_CHAIN = 1;

    /** Records per JDBC batch of {@link #appendAll}. */
    private static final int BATCH = 100;

    private static final String COLUMNS = "record_seq, occurred_at, actor, subject_ref, action, entity_name,"
            + " entity_id, field_names, purpose, legal_basis, outcome, detail, previous_hash, record_hash";

    private final int chainId;
    private final Clock clock;
    private final Transactions transactions;

    /** The trail of {@link #DEFAULT_CHAIN}, stamping the head's {@code updated_at} with the system clock. */
    public AuditTrail() {
        this(DEFAULT_CHAIN, Clock.systemUTC());
    }

    /**
     * The trail of chain {@code chainId}, stamping the head's {@code updated_at} with {@code clock}. Separate
     * chains (for example one per tenant) append without waiting for each other.
     *
     * @param chainId from 1 to 32767 (a SMALLINT)
     */
    public AuditTrail(int chainId, Clock clock) {
        this(chainId, clock, Transactions.RESOURCE_LOCAL);
    }

    /**
     * As {@link #AuditTrail(int, Clock)}, asking {@code transactions} whether a connection is in a transaction
     * before appending: a container-managed transaction is one although the driver may report auto-commit.
     */
    public AuditTrail(int chainId, Clock clock, Transactions transactions) {
        if (chainId < 1 || chainId > Short.MAX_VALUE) {
            throw new IllegalArgumentException("chainId must be between 1 and 32767: " + chainId);
        }
        this.chainId = chainId;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    /**
     * Appends {@code event} to the chain and returns the record as stored.
     *
     * @throws CustosException {@code CUSTOS-04202} when the connection is in auto-commit mode,
     *                         {@code CUSTOS-04203} for a field name that is empty or holds a comma,
     *                         {@code CUSTOS-04201} when the database fails
     */
    public AuditRecord append(Connection connection, AuditEvent event) {
        return appendAll(connection, List.of(Objects.requireNonNull(event, "event"))).get(0);
    }

    /**
     * Appends {@code events} to the chain in their order and returns the records as stored: the head is locked
     * and read once, the records go in JDBC batches, and the head is updated once, so n records cost a few round
     * trips instead of four each. Nothing is appended for an empty list.
     *
     * @throws CustosException as {@link #append}
     */
    public List<AuditRecord> appendAll(Connection connection, List<AuditEvent> events) {
        List<AuditEvent> stored = new ArrayList<>(events.size());
        List<String> fieldNames = new ArrayList<>(events.size());
        for (AuditEvent event : events) {
            Objects.requireNonNull(event, "event");
            stored.add(new AuditEvent(Jdbc.stored(event.occurredAt()), event.actor(), event.subjectRef(),
                    event.action(), event.entity(), event.entityId(), event.fields(), event.purpose(), event.basis(),
                    event.outcome(), event.detail()));
            fieldNames.add(Jdbc.joinNames("Audited field", event.fields()));
        }
        if (stored.isEmpty()) {
            return List.of();
        }
        return Jdbc.run("Appending to audit chain " + chainId + " in custos_audit_record", () -> {
            if (!transactions.inTransaction(connection)) {
                throw new CustosException(StoreMessages.appendNeedsTransaction(Integer.toString(chainId)));
            }
            AuditChain chain = AuditChain.resume(lockHead(connection));
            List<AuditRecord> records = new ArrayList<>(stored.size());
            for (AuditEvent event : stored) {
                records.add(chain.append(event));
            }
            insert(connection, records, fieldNames);
            AuditRecord last = records.get(records.size() - 1);
            try (PreparedStatement update = connection.prepareStatement("UPDATE custos_audit_head"
                    + " SET last_seq = ?, last_hash = ?, updated_at = ? WHERE chain_id = ?")) {
                update.setLong(1, last.sequence());
                update.setString(2, last.hash());
                Jdbc.setInstant(update, 3, clock.instant());
                update.setInt(4, chainId);
                update.executeUpdate();
            }
            return List.copyOf(records);
        });
    }

    /**
     * Verifies the whole chain against its head, reading records in pages of 500 so memory stays
     * constant however long the trail. Records appended while it runs are verified too if it reaches them.
     * See {@link ChainVerification} for how to read the result; a row that cannot even be read (an unknown
     * action, for example) makes the chain broken at that row with {@code CUSTOS-04204}.
     */
    public ChainVerification verify(Connection connection) {
        return Jdbc.run("Verifying audit chain " + chainId + " in custos_audit_record",
                () -> ChainPages.verify(connection, new ChainPages.Rows() {
                    @Override
                    public PreparedStatement page(Connection c, long afterSequence) throws SQLException {
                        PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM custos_audit_record"
                                + " WHERE chain_id = ? AND record_seq > ? ORDER BY record_seq FETCH FIRST "
                                + ChainPages.PAGE + " ROWS ONLY");
                        select.setInt(1, chainId);
                        select.setLong(2, afterSequence);
                        return select;
                    }

                    @Override
                    public long key(ResultSet rows) throws SQLException {
                        return rows.getLong("record_seq");
                    }

                    @Override
                    public AuditRecord read(ResultSet rows) throws SQLException {
                        return AuditTrail.this.read(rows);
                    }
                }, readHead(connection)));
    }

    /**
     * The records about one subject with {@code from <= occurredAt < to}, by time and then sequence: "everything
     * about subject X between two dates". Compute {@code subjectRef} with {@link SubjectKeys#existingPseudonym};
     * once the subject's key is shredded it cannot be computed any more, which is the point.
     */
    public List<AuditRecord> forSubject(Connection connection, String subjectRef, Instant from, Instant to) {
        Objects.requireNonNull(subjectRef, "subjectRef");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return Jdbc.run("Reading a subject's records from audit chain " + chainId, () -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM custos_audit_record WHERE chain_id = ? AND subject_ref = ? AND occurred_at >= ?"
                    + " AND occurred_at < ? ORDER BY occurred_at, record_seq")) {
                select.setInt(1, chainId);
                select.setString(2, subjectRef);
                Jdbc.setInstant(select, 3, from);
                Jdbc.setInstant(select, 4, to);
                List<AuditRecord> records = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        records.add(read(rows));
                    }
                }
                return records;
            }
        });
    }

    /** The head as stored: the last record's sequence and hash, or {@link Checkpoint#GENESIS} for no records. */
    public Checkpoint head(Connection connection) {
        return Jdbc.run("Reading the head of audit chain " + chainId,
                () -> readHead(connection).orElse(Checkpoint.GENESIS));
    }

    private Checkpoint lockHead(Connection connection) throws SQLException {
        // Derby does not lock rows for a FOR UPDATE query on a read-only result set, and two appends then read the
        // same head: there, lock the head row by writing to it. PostgreSQL and MariaDB lock it with the read, one
        // round trip and no new row version instead of two.
        boolean derby = Jdbc.isDerby(connection);
        if (!derby) {
            Optional<Checkpoint> head = readHead(connection, " FOR UPDATE");
            if (head.isPresent()) {
                return head.get();
            }
        }
        if (!derby || touchHead(connection) == 0) {
            // The chain's first append creates its head; a concurrent first append may win, then we wait for it.
            // On MariaDB, InnoDB gives each loser of the race a shared lock on the winner's row, and two losers
            // touching it then deadlock; ON DUPLICATE KEY UPDATE takes the row's write lock at once instead.
            boolean mariadb = Jdbc.isMariadb(connection);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO custos_audit_head"
                    + " (chain_id, last_seq, last_hash, updated_at) VALUES (?, 0, ?, ?)"
                    + (mariadb ? " ON DUPLICATE KEY UPDATE updated_at = VALUES(updated_at)" : ""))) {
                insert.setInt(1, chainId);
                insert.setString(2, Checkpoint.GENESIS_HASH);
                Jdbc.setInstant(insert, 3, clock.instant());
                if (mariadb) {
                    insert.executeUpdate();
                } else if (!Jdbc.insertUnlessDuplicate(connection, insert)) {
                    touchHead(connection);
                }
            }
        }
        return readHead(connection).orElseThrow(() -> new CustosException(StoreMessages.concurrentRowInvisible(
                "custos_audit_head", Jdbc.isolation(connection))));
    }

    private int touchHead(Connection connection) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE custos_audit_head SET updated_at = ? WHERE chain_id = ?")) {
            Jdbc.setInstant(update, 1, clock.instant());
            update.setInt(2, chainId);
            return update.executeUpdate();
        }
    }

    private Optional<Checkpoint> readHead(Connection connection) throws SQLException {
        return readHead(connection, "");
    }

    private Optional<Checkpoint> readHead(Connection connection, String lock) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT last_seq, last_hash"
                + " FROM custos_audit_head WHERE chain_id = ?" + lock)) {
            select.setInt(1, chainId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(new Checkpoint(rows.getLong(1), rows.getString(2)))
                        : Optional.empty();
            }
        }
    }

    private void insert(Connection connection, List<AuditRecord> records, List<String> fieldNames)
            throws SQLException {
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

    private AuditRecord read(ResultSet rows) throws SQLException {
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
