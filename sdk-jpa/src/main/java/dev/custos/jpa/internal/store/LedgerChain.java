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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The consent ledger's hash chain (schema version 7). Each ledger row is hashed as the {@link AuditEvent} it maps
 * to, by sdk-core's {@link AuditChain}, so the ledger is chained and verified exactly as an audit chain is, and its
 * head is kept in {@code custos_consent_head} as {@code custos_audit_head} keeps an audit chain's.
 * <p>
 * The head is moved by a compare-and-set UPDATE from the head this instance wrote last, which also takes the head
 * row's write lock until the caller commits: in the common case a consent event costs that one statement more than
 * its INSERT. When another thread or node moved the head in between (or a transaction that moved it rolled back),
 * the head is locked and read first, as {@link AuditTrail} always does.
 * <p>
 * Thread-safe; one instance per ledger table.
 */
final class LedgerChain {

    /** The columns of schema version 7, which rows written before it have: they have no evidence. */
    private static final String CHAIN_COLUMNS = "event_seq, subject_ref, purpose, event_type, occurred_at,"
            + " notice_version, expires_at, recorded_by, recorded_at, chain_seq, previous_hash, record_hash";

    static final String COLUMNS = CHAIN_COLUMNS + ", " + Evidence.COLUMNS;

    private static final String TABLE = "custos_consent_event";
    private static final String HEAD = "custos_consent_head";
    private static final ChainHead HEAD_ROW = new ChainHead(HEAD, "head_id", 1);

    private final Clock clock;
    private final AtomicReference<Checkpoint> lastWritten = new AtomicReference<>();

    LedgerChain(Clock clock) {
        this.clock = clock;
    }

    /**
     * The audit event a ledger row is hashed as. The columns without a place of their own in an audit event go
     * into its detail, instants first: they never hold a space, so the notice version (free text) ends it
     * unambiguously. The event type is the entity id, so EXPIRED hashes apart from WITHDRAWN. The evidence columns
     * of schema version 9 are the event's field list, one {@code column=value} per column that is set
     * ({@link Evidence#hashed}); the list is length-prefixed in the canonical encoding, so a row without evidence,
     * as every row before version 9, hashes exactly as it did.
     */
    static AuditEvent event(String subjectRef, String purpose, String type, Instant occurredAt, String notice,
                            Instant expiresAt, String recordedBy, Instant recordedAt, Evidence evidence) {
        String detail = (expiresAt == null ? "" : expiresAt.toString()) + " " + recordedAt + " " + notice;
        AuditAction action = "GIVEN".equals(type) ? AuditAction.CONSENT_GIVEN : AuditAction.CONSENT_WITHDRAWN;
        return new AuditEvent(occurredAt, recordedBy, subjectRef, action, TABLE, type, evidence.hashed(), purpose, "",
                AuditOutcome.DONE, detail);
    }

    /**
     * Gives {@code event} the next place in the chain and moves the head there, holding the head's lock until the
     * caller's transaction ends. The caller inserts the row, in the same transaction, before committing.
     */
    AuditRecord append(Connection connection, AuditEvent event) throws SQLException {
        Checkpoint expected = lastWritten.get();
        if (expected == null) {
            expected = lock(connection);
        }
        AuditRecord record = AuditChain.resume(expected).append(event);
        if (!advance(connection, expected, record)) {
            // Someone else moved the head since this instance did: lock it, then the move cannot fail.
            expected = lock(connection);
            record = AuditChain.resume(expected).append(event);
            if (!advance(connection, expected, record)) {
                throw new CustosException(StoreMessages.concurrentRowInvisible(HEAD, Jdbc.isolation(connection)));
            }
        }
        lastWritten.set(new Checkpoint(record.sequence(), record.hash()));
        return record;
    }

    /** Verifies the ledger, in {@code event_seq} order, against its head. */
    ChainVerification verify(Connection connection) throws SQLException {
        return ChainPages.verify(connection, new ChainPages.Rows() {
            private long lastSequence;

            @Override
            public PreparedStatement page(Connection c, long afterEventSeq) throws SQLException {
                PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE
                        + " WHERE event_seq > ? ORDER BY event_seq FETCH FIRST " + ChainPages.PAGE + " ROWS ONLY");
                select.setLong(1, afterEventSeq);
                return select;
            }

            @Override
            public long key(ResultSet rows) throws SQLException {
                return rows.getLong("event_seq");
            }

            @Override
            public AuditRecord read(ResultSet rows) throws SQLException {
                String eventSeq = Long.toString(rows.getLong("event_seq"));
                String next = Long.toString(lastSequence + 1);
                long sequence = rows.getLong("chain_seq");
                boolean unchained = rows.wasNull();
                String previousHash = rows.getString("previous_hash");
                String hash = rows.getString("record_hash");
                if (unchained || previousHash == null || hash == null) {
                    throw new ChainPages.UnreadableRow(StoreMessages.ledgerRowNotChained(eventSeq, next));
                }
                AuditEvent event;
                try {
                    event = event(rows);
                } catch (CustosException e) {
                    throw new ChainPages.UnreadableRow(StoreMessages.ledgerRowUnreadable(eventSeq, "text",
                            e.detail().text(), next));
                }
                lastSequence = sequence;
                // CHAR(64) columns read back padded if someone stored a shorter value; the verifier must see it as is.
                return new AuditRecord(sequence, event, previousHash.strip(), hash.strip());
            }
        }, readHead(connection));
    }

    private static AuditEvent event(ResultSet rows) throws SQLException {
        return event(rows, Evidence.read(rows));
    }

    private static AuditEvent event(ResultSet rows, Evidence evidence) throws SQLException {
        return event(rows.getString("subject_ref"), rows.getString("purpose"), rows.getString("event_type"),
                Jdbc.getInstant(rows, "occurred_at"), Jdbc.getText(rows, "notice_version"),
                Jdbc.getInstant(rows, "expires_at"), rows.getString("recorded_by"),
                Jdbc.getInstant(rows, "recorded_at"), evidence);
    }

    /** The head as stored, or empty before the first consent event of schema version 7. */
    Optional<Checkpoint> readHead(Connection connection) throws SQLException {
        return HEAD_ROW.read(connection);
    }

    private boolean advance(Connection connection, Checkpoint expected, AuditRecord record) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + HEAD + " SET last_seq = ?,"
                + " last_hash = ?, updated_at = ? WHERE head_id = 1 AND last_seq = ? AND last_hash = ?")) {
            update.setLong(1, record.sequence());
            update.setString(2, record.hash());
            Jdbc.setInstant(update, 3, clock.instant());
            update.setLong(4, expected.sequence());
            update.setString(5, expected.hash());
            return update.executeUpdate() == 1;
        }
    }

    /** Locks the head row, creating it and chaining the rows of before version 7 on first use, and returns it. */
    Checkpoint lock(Connection connection) throws SQLException {
        Checkpoint head = HEAD_ROW.lock(connection, clock);
        return head.sequence() == 0 ? chainEarlierRows(connection) : head;
    }

    /**
     * Chains the rows written before schema version 7, in ledger order, under the head's lock. Runs while the chain
     * is empty, so only once: afterwards an unchained row can only have been inserted outside Custos, and it stays
     * unchained for {@link #verify} to report.
     */
    private Checkpoint chainEarlierRows(Connection connection) throws SQLException {
        AuditChain chain = AuditChain.genesis();
        long after = Long.MIN_VALUE;
        List<Chained> page = new ArrayList<>();
        do {
            page.clear();
            // rows of before version 7 have no evidence, and a migration that stops before version 9 chains them
            // while the evidence columns do not exist yet
            try (PreparedStatement select = connection.prepareStatement("SELECT " + CHAIN_COLUMNS + " FROM " + TABLE
                    + " WHERE record_hash IS NULL AND event_seq > ? ORDER BY event_seq FETCH FIRST "
                    + ChainPages.PAGE + " ROWS ONLY")) {
                select.setLong(1, after);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        after = rows.getLong("event_seq");
                        page.add(new Chained(after, chain.append(event(rows, Evidence.NONE))));
                    }
                }
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + TABLE + " SET chain_seq = ?,"
                    + " previous_hash = ?, record_hash = ? WHERE event_seq = ? AND record_hash IS NULL")) {
                for (Chained row : page) {
                    update.setLong(1, row.record.sequence());
                    update.setString(2, row.record.previousHash());
                    update.setString(3, row.record.hash());
                    update.setLong(4, row.eventSeq);
                    update.executeUpdate();
                }
            }
        } while (page.size() == ChainPages.PAGE);
        Checkpoint head = chain.head();
        if (head.sequence() > 0) {
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + HEAD + " SET last_seq = ?,"
                    + " last_hash = ? WHERE head_id = 1")) {
                update.setLong(1, head.sequence());
                update.setString(2, head.hash());
                update.executeUpdate();
            }
        }
        return head;
    }

    private record Chained(long eventSeq, AuditRecord record) {
    }
}
