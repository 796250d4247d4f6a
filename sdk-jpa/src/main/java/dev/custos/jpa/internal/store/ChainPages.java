// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.store;

import dev.custos.core.Message;
import dev.custos.core.audit.AuditChainVerifier;
import dev.custos.core.audit.AuditRecord;
import dev.custos.core.audit.ChainVerification;
import dev.custos.core.audit.Checkpoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Verifies a hash chain kept in a table (an audit chain, the consent ledger) with sdk-core's
 * {@link AuditChainVerifier}, streaming the rows in keyset pages of {@value #PAGE}, so neither the driver nor
 * this class holds more than a page however long the chain. Not thread-safe: one instance per verification.
 */
final class ChainPages implements Iterator<AuditRecord> {

    static final int PAGE = 500;

    /** How a table stores its chain. */
    interface Rows {
        /** A query for the next {@value #PAGE} rows at most, in key order, whose key is above {@code afterKey}. */
        PreparedStatement page(Connection connection, long afterKey) throws SQLException;

        /** The key the table is paged by. */
        long key(ResultSet rows) throws SQLException;

        /** The row as a chain record; throws {@link UnreadableRow} for a row that cannot be one. */
        AuditRecord read(ResultSet rows) throws SQLException;
    }

    private final Connection connection;
    private final Rows rows;
    private final List<AuditRecord> page = new ArrayList<>(PAGE);
    private int index;
    private boolean exhausted;
    private long afterKey = Long.MIN_VALUE;
    private UnreadableRow unreadable;
    private AuditRecord last;
    private long returned;

    private ChainPages(Connection connection, Rows rows) {
        this.connection = connection;
        this.rows = rows;
    }

    /**
     * Verifies the whole chain, against {@code head} if there is one. A row that cannot even be read makes the
     * chain broken at that row, with the {@link UnreadableRow}'s message.
     */
    static ChainVerification verify(Connection connection, Rows rows, Optional<Checkpoint> head) throws SQLException {
        return verify(connection, rows, Checkpoint.GENESIS, head);
    }

    /**
     * As {@link #verify(Connection, Rows, Optional)}, from {@code trusted} on: the rows must start right after it
     * (the records before it were dropped after their export; see {@link ChainCut}).
     */
    static ChainVerification verify(Connection connection, Rows rows, Checkpoint trusted, Optional<Checkpoint> head)
            throws SQLException {
        ChainPages pages = new ChainPages(connection, rows);
        try {
            // a head row behind the trusted start cannot be checked against; what follows the start still is
            return head.isPresent() && head.get().sequence() >= trusted.sequence()
                    ? AuditChainVerifier.verifyFrom(trusted, pages, head.get())
                    : AuditChainVerifier.verifyFrom(trusted, pages);
        } catch (UnreadableRow e) {
            // Every record before the unreadable one passed the verifier's checks, or it would have stopped.
            Checkpoint verified = pages.last == null ? trusted
                    : new Checkpoint(pages.last.sequence(), pages.last.hash());
            return new ChainVerification(false, pages.returned + 1, OptionalLong.of(verified.sequence() + 1),
                    Optional.of(e.problem), verified);
        } catch (UncheckedSql e) {
            throw e.getCause();
        }
    }

    @Override
    public boolean hasNext() {
        if (index < page.size()) {
            return true;
        }
        if (unreadable != null) {
            // Reached only once every record before the unreadable row went through the verifier.
            throw unreadable;
        }
        if (exhausted) {
            return false;
        }
        fetch();
        return hasNext();
    }

    @Override
    public AuditRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        returned++;
        last = page.get(index++);
        return last;
    }

    // Pages overlap by their boundary key: the audit table's key on PostgreSQL includes the partition column, so
    // nothing in the database keeps a second row from taking a sequence number; "key > boundary" would skip such a
    // row when it sorts after the one read last, and it would stand in the trail unverified. The row read last is
    // passed over once; any other row with its key goes to the verifier, which refuses a repeated sequence.
    private void fetch() {
        page.clear();
        index = 0;
        long boundary = afterKey;
        boolean overlapping = last != null && boundary != Long.MIN_VALUE;
        int fetched = 0;
        try (PreparedStatement select = rows.page(connection, overlapping ? boundary - 1 : boundary)) {
            select.setFetchSize(PAGE);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    fetched++;
                    afterKey = rows.key(result);
                    AuditRecord record;
                    try {
                        record = rows.read(result);
                    } catch (UnreadableRow e) {
                        unreadable = e;
                        exhausted = true;
                        return;
                    }
                    if (overlapping && afterKey == boundary && record.sequence() == last.sequence()
                            && record.hash().equals(last.hash())) {
                        overlapping = false; // the row read last, once
                        continue;
                    }
                    page.add(record);
                }
            }
        } catch (SQLException e) {
            throw new UncheckedSql(e);
        }
        exhausted = fetched < PAGE;
    }

    /** A row that cannot become an {@link AuditRecord}; ends verification as broken at that row. */
    static final class UnreadableRow extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Message problem;

        UnreadableRow(Message problem) {
            super(problem.toString(), null, false, false);
            this.problem = problem;
        }
    }

    private static final class UncheckedSql extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UncheckedSql(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }
}
