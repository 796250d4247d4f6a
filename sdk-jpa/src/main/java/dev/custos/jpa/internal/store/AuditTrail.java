// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.store;

import dev.custos.core.CustosException;
import dev.custos.core.audit.AuditChain;
import dev.custos.core.audit.AuditEvent;
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
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;

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

    private static final String COLUMNS = AuditRows.COLUMNS;

    private final int chainId;
    private final Clock clock;
    private final Transactions transactions;
    private final ChainHead headRow;
    private final AuditRows rows;
    /** The head this instance last appended at, or null where it is not kept ({@link #keepingItsHead}). */
    private final AtomicReference<Checkpoint> keptHead;

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
        this(chainId, clock, transactions, null);
    }

    private AuditTrail(int chainId, Clock clock, Transactions transactions, AtomicReference<Checkpoint> keptHead) {
        if (chainId < 1 || chainId > Short.MAX_VALUE) {
            throw new IllegalArgumentException("chainId must be between 1 and 32767: " + chainId);
        }
        this.chainId = chainId;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.headRow = new ChainHead("custos_audit_head", "chain_id", chainId);
        this.rows = new AuditRows(chainId);
        this.keptHead = keptHead;
    }

    /**
     * This trail, keeping the head it last appended at: the next append moves the head from there with one
     * conditional update instead of reading it under a lock first. Where another writer moved it since, the update
     * changes nothing and the append locks and reads the head as usual, so a head kept wrongly (a transaction rolled
     * back after the append) costs one statement, never a broken chain. For one appender per node and chain, such as
     * the read audit, which takes turns.
     */
    public AuditTrail keepingItsHead() {
        return new AuditTrail(chainId, clock, transactions, new AtomicReference<>());
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
     * and read once, the records go in one COPY on a pgjdbc connection (JDBC batches elsewhere), and the head is
     * updated once, so n records cost a few round trips instead of four each. Nothing is appended for an empty
     * list.
     *
     * @throws CustosException as {@link #append}
     */
    public List<AuditRecord> appendAll(Connection connection, List<AuditEvent> events) {
        Stored stored = Stored.of(events);
        if (stored.events.isEmpty()) {
            return List.of();
        }
        return Jdbc.run("Appending to audit chain " + chainId + " in custos_audit_record", () -> {
            if (!transactions.inTransaction(connection)) {
                throw new CustosException(StoreMessages.appendNeedsTransaction(Integer.toString(chainId)));
            }
            return inTransaction(connection, stored);
        });
    }

    /**
     * Appends {@code events} as {@link #appendAll} does and commits them, on {@code connection} in auto-commit mode
     * outside every transaction of the caller's ({@link Transactions#onOwnConnection}). Where this trail keeps its
     * head ({@link #keepingItsHead}) and the database takes them in one statement with the head's move (PostgreSQL,
     * a few records), that statement commits them alone: one round trip, the head row locked only while it runs.
     * Otherwise, or when another writer moved the head since, they are appended in a transaction of their own on
     * the connection, which is left in auto-commit mode again. A connection already in a transaction (the default
     * {@code onOwnConnection}) appends in it, committed by whoever runs it.
     *
     * @throws CustosException as {@link #append}
     */
    public List<AuditRecord> appendCommitted(Connection connection, List<AuditEvent> events) {
        Stored stored = Stored.of(events);
        if (stored.events.isEmpty()) {
            return List.of();
        }
        return Jdbc.run("Appending to audit chain " + chainId + " in custos_audit_record", () -> {
            if (!connection.getAutoCommit()) {
                return inTransaction(connection, stored);
            }
            if (keptHead != null && rows.movesHeadInOneStatement(connection, stored.events.size())) {
                List<AuditRecord> records = fromKeptHead(connection, stored); // committed with its statement
                if (records != null) {
                    return records;
                }
                // none kept, or another writer appended since: the head as it is now, locked, in a transaction
            }
            connection.setAutoCommit(false);
            try {
                List<AuditRecord> records = inTransaction(connection, stored);
                connection.commit();
                return records;
            } catch (RuntimeException | SQLException | Error e) {
                if (keptHead != null) {
                    keptHead.set(null); // the head kept by the rolled-back append is not the stored one
                }
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        });
    }

    /** Appends in the transaction {@code connection} is in: from the kept head if still current, else locked. */
    private List<AuditRecord> inTransaction(Connection connection, Stored stored) throws SQLException {
        List<AuditRecord> fromKept = fromKeptHead(connection, stored);
        if (fromKept != null) {
            return fromKept;
        }
        // none kept, or another writer appended since: the head as it is now, locked, as without a kept head
        AuditChain chain = AuditChain.resume(headRow.lock(connection, clock));
        List<AuditRecord> records = chained(chain, stored.events);
        rows.insert(connection, records, stored.fieldNames);
        headRow.move(connection, chain.head(), clock);
        if (keptHead != null) {
            keptHead.set(chain.head()); // left empty when anything above failed
        }
        return List.copyOf(records);
    }

    /**
     * Appends from the head this trail kept, moving it with one conditional update, and keeps the new one; null,
     * with nothing written and no head kept, where none was kept or another writer moved the head since.
     */
    private List<AuditRecord> fromKeptHead(Connection connection, Stored stored) throws SQLException {
        Checkpoint kept = keptHead == null ? null : keptHead.getAndSet(null);
        if (kept == null) {
            return null;
        }
        AuditChain chain = AuditChain.resume(kept);
        List<AuditRecord> records = chained(chain, stored.events);
        if (!rows.insertMovingHead(connection, records, stored.fieldNames, headRow, kept, chain.head(), clock)) {
            return null;
        }
        keptHead.set(chain.head());
        return List.copyOf(records);
    }

    /** The events as stored (instants to the microsecond) and their field lists as the column holds them. */
    private record Stored(List<AuditEvent> events, List<String> fieldNames) {
        static Stored of(List<AuditEvent> events) {
            List<AuditEvent> stored = new ArrayList<>(events.size());
            List<String> fieldNames = new ArrayList<>(events.size());
            for (AuditEvent event : events) {
                Objects.requireNonNull(event, "event");
                stored.add(new AuditEvent(Jdbc.stored(event.occurredAt()), event.actor(), event.subjectRef(),
                        event.action(), event.entity(), event.entityId(), event.fields(), event.purpose(),
                        event.basis(), event.outcome(), event.detail()));
                fieldNames.add(Jdbc.joinNames("Audited field", event.fields()));
            }
            return new Stored(stored, fieldNames);
        }
    }

    private static List<AuditRecord> chained(AuditChain chain, List<AuditEvent> events) {
        List<AuditRecord> records = new ArrayList<>(events.size());
        for (AuditEvent event : events) {
            records.add(chain.append(event));
        }
        return records;
    }

    /**
     * Verifies the whole chain against its head, reading records in pages of 500 so memory stays
     * constant however long the trail. Records appended while it runs are verified too if it reaches them.
     * See {@link ChainVerification} for how to read the result; a row that cannot even be read (an unknown
     * action, for example) makes the chain broken at that row with {@code CUSTOS-04204}.
     */
    public ChainVerification verify(Connection connection) {
        return verify(connection, null);
    }

    /**
     * As {@link #verify(Connection)}. A chain whose records start after record 1, because the audit trail's
     * retention dropped the partitions that held the first ones, is verified from the signed cut just before its
     * first record ({@link ChainCut}); with {@code signer}, only if that key signed the cut. Without a cut (or with
     * a cut {@code signer} did not sign) the missing records are a break, as any removed record.
     *
     * @param signer the key that signs the checkpoints, or null to take a stored cut as the head row is taken
     */
    public ChainVerification verify(Connection connection, CheckpointSigner signer) {
        return Jdbc.run("Verifying audit chain " + chainId + " in custos_audit_record", () -> {
            Optional<Checkpoint> head = headRow.read(connection);
            long start = ChainCut.start(connection, chainId, head.map(Checkpoint::sequence).orElse(0L));
            Optional<ChainCut.Stored> cut = start == 0 ? Optional.empty() : ChainCut.find(connection, chainId, start);
            if (cut.isPresent() && signer != null && !signer.signed(cut.get())) {
                return new ChainVerification(false, 0, OptionalLong.of(1), Optional.of(
                        StoreMessages.cutNotSigned(Integer.toString(chainId), Long.toString(start))),
                        Checkpoint.GENESIS);
            }
            return ChainPages.verify(connection, pageRows(), cut.map(c -> c.checkpoint().head())
                    .orElse(Checkpoint.GENESIS), head);
        });
    }

    private ChainPages.Rows pageRows() {
        return new ChainPages.Rows() {
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
            public AuditRecord read(ResultSet page) throws SQLException {
                return rows.read(page);
            }
        };
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
                try (ResultSet found = select.executeQuery()) {
                    while (found.next()) {
                        records.add(rows.read(found));
                    }
                }
                return records;
            }
        });
    }

    /** The head as stored: the last record's sequence and hash, or {@link Checkpoint#GENESIS} for no records. */
    public Checkpoint head(Connection connection) {
        return Jdbc.run("Reading the head of audit chain " + chainId,
                () -> headRow.read(connection).orElse(Checkpoint.GENESIS));
    }
}
