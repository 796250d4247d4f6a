// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.CustosException;
import dev.custos.core.audit.AuditEvent;
import dev.custos.core.consent.ConsentEvent;
import dev.custos.jpa.store.AuditTrail;
import dev.custos.jpa.store.ConsentLedger;
import dev.custos.jpa.store.SubjectKeys;
import dev.custos.jpa.tx.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Connects the access guard and the write audit to the SDK's tables. Reads are audited on a chain of
 * their own in a short transaction of their own: a read happened whether or not the caller's transaction
 * commits, and a separate chain never waits for the head lock a writing transaction holds. Writes are
 * audited on the write chain, on the writing transaction's connection. Thread-safe.
 */
public final class StoreBackedAudit {

    /** The chain of write audits, appended in the writing transaction. */
    public static final int WRITE_CHAIN = 1;
    /** The chain of read audits (reads, refusals, maskings), appended in transactions of their own. */
    public static final int READ_CHAIN = 2;

    private final DataSource dataSource;
    private final SubjectKeys keys;
    private final ConsentLedger ledger;
    private final AuditTrail writes;
    private final AuditTrail reads;
    private final Transactions transactions;

    public StoreBackedAudit(DataSource dataSource, Clock clock, Transactions transactions) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.keys = new SubjectKeys(clock);
        this.ledger = new ConsentLedger(keys, clock, transactions);
        this.writes = new AuditTrail(WRITE_CHAIN, clock, transactions);
        this.reads = new AuditTrail(READ_CHAIN, clock, transactions);
    }

    /** The subject's consent events, read on a connection of their own. */
    public ConsentLookup consentLookup() {
        return subjectId -> {
            try (Connection connection = dataSource.getConnection()) {
                List<ConsentEvent> events = ledger.events(connection, subjectId);
                return events;
            }
        };
    }

    /**
     * Whether a restriction placed by a data-subject request is in force for the subject, read on a connection
     * of its own from {@code custos_restriction} (schema version 3).
     */
    public RestrictionLookup restrictionLookup() {
        return subjectId -> {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM custos_restriction"
                         + " WHERE subject_id = ? AND lifted_at IS NULL")) {
                select.setString(1, subjectId);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() && rows.getLong(1) > 0;
                }
            }
        };
    }

    public AuditWriter readAudit() {
        return (subjectId, event) -> {
            try {
                transactions.inOwnTransaction(dataSource,
                        connection -> reads.append(connection, event.apply(keys.pseudonym(connection, subjectId))));
            } catch (SQLException e) {
                throw new CustosException(JpaMessages.auditFailed("a read", String.valueOf(e)), e);
            }
        };
    }

    /**
     * Appends write audits with one look-up of their subjects' pseudonyms and one append to the write chain (one
     * head lock, JDBC batches), on the writing transaction's connection.
     */
    public TransactionalAuditWriter writeAudit() {
        return (connection, audits) -> {
            Map<String, String> refs = new HashMap<>(keys.existingPseudonyms(connection,
                    audits.stream().map(PendingWriteAudit::subjectId).toList()));
            List<AuditEvent> events = new ArrayList<>(audits.size());
            for (PendingWriteAudit audit : audits) {
                String ref = refs.get(audit.subjectId());
                if (ref == null) {
                    ref = committedPseudonym(audit.subjectId());
                    refs.put(audit.subjectId(), ref);
                }
                events.add(audit.event().apply(ref));
            }
            writes.appendAll(connection, events);
        };
    }

    /**
     * The subject's pseudonym, creating its key in a short transaction of its own. A key created inside the
     * caller's transaction would stay uncommitted until it ends, and the read audit, on its own connection,
     * would wait for it: for ever on PostgreSQL, where the wait is invisible to deadlock detection. A key left
     * behind by a transaction that rolls back is harmless: it names nobody by itself.
     */
    private String committedPseudonym(String subjectId) throws SQLException {
        return transactions.inOwnTransaction(dataSource, connection -> keys.pseudonym(connection, subjectId));
    }
}
