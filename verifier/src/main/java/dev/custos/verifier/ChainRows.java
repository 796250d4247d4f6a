// SPDX-License-Identifier: Apache-2.0
package dev.custos.verifier;

import dev.custos.core.CustosException;
import dev.custos.core.Message;
import dev.custos.core.audit.AuditAction;
import dev.custos.core.audit.AuditEvent;
import dev.custos.core.audit.AuditOutcome;
import dev.custos.core.audit.AuditRecord;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.TimeZone;

/**
 * A chain's rows as sdk-core's {@link AuditRecord}s, read in keyset pages of {@value #PAGE} so memory stays constant.
 * The mapping from columns to the hashed event is the one sdk-jpa writes with ({@code AuditTrail} for
 * {@code custos_audit_record}, {@code LedgerChain} and {@code Evidence} for {@code custos_consent_event}), written
 * again here because the verifier must not trust, or load, the application's code. Not thread-safe.
 */
final class ChainRows implements Iterator<AuditRecord> {

    static final int PAGE = 500;

    private static final String AUDIT_COLUMNS = "record_seq, occurred_at, actor, subject_ref, action, entity_name,"
            + " entity_id, field_names, purpose, legal_basis, outcome, detail, previous_hash, record_hash";
    private static final String LEDGER_COLUMNS = "event_seq, subject_ref, purpose, event_type, occurred_at,"
            + " notice_version, expires_at, recorded_by, recorded_at, chain_seq, previous_hash, record_hash,"
            + " evidence_form, evidence_ref, evidence_date, age_band, parental_auth_ref";
    private static final String LEDGER_TABLE = "custos_consent_event";

    /** A row that is no chain record; verification of its chain ends there, broken. */
    static final class Unreadable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Message problem;

        Unreadable(Message problem) {
            super(problem.toString(), null, false, false);
            this.problem = problem;
        }
    }

    /** A database failure while iterating, unwrapped by {@link ChainCheck}. */
    static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failed(SQLException cause) {
            super(cause);
        }
    }

    private final Connection connection;
    private final String chain;
    private final int chainId; // 0: the consent ledger
    private final Deque<AuditRecord> page = new ArrayDeque<>();
    private long afterKey = Long.MIN_VALUE;
    private AuditRecord lastFetched;
    private boolean exhausted;
    private Unreadable unreadable;

    private ChainRows(Connection connection, String chain, int chainId) {
        this.connection = connection;
        this.chain = chain;
        this.chainId = chainId;
    }

    static ChainRows audit(Connection connection, String chain, int chainId) {
        return new ChainRows(connection, chain, chainId);
    }

    static ChainRows ledger(Connection connection) {
        return new ChainRows(connection, "ledger", 0);
    }

    @Override
    public boolean hasNext() {
        while (page.isEmpty()) {
            if (unreadable != null) {
                throw unreadable; // only once every record before it went to the verifier
            }
            if (exhausted) {
                return false;
            }
            fetch();
        }
        return true;
    }

    @Override
    public AuditRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return page.removeFirst();
    }

    private void fetch() {
        boolean ledger = chainId == 0;
        String sql = ledger
                ? "SELECT " + LEDGER_COLUMNS + " FROM " + LEDGER_TABLE + " WHERE event_seq > ? ORDER BY event_seq"
                : "SELECT " + AUDIT_COLUMNS + " FROM custos_audit_record WHERE chain_id = ? AND record_seq > ?"
                        + " ORDER BY record_seq";
        // Pages overlap by their boundary key: on PostgreSQL the audit table's key includes the partition column,
        // so a second row may take a sequence number, and "key > boundary" would skip it unverified when it sorts
        // after the row read last. That row is passed over once; any other with its key is a repeated sequence.
        long boundary = afterKey;
        boolean overlapping = lastFetched != null;
        try (PreparedStatement select = connection.prepareStatement(sql + " FETCH FIRST " + PAGE + " ROWS ONLY")) {
            long from = overlapping ? boundary - 1 : boundary;
            if (ledger) {
                select.setLong(1, from);
            } else {
                select.setInt(1, chainId);
                select.setLong(2, from);
            }
            int rows = 0;
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows++;
                    afterKey = result.getLong(1);
                    AuditRecord record;
                    try {
                        record = ledger ? ledgerRecord(result) : auditRecord(result);
                    } catch (Unreadable e) {
                        unreadable = e;
                        exhausted = true;
                        return;
                    }
                    if (overlapping && afterKey == boundary && record.sequence() == lastFetched.sequence()
                            && record.hash().equals(lastFetched.hash())) {
                        overlapping = false; // the row read last, once
                        continue;
                    }
                    lastFetched = record;
                    page.addLast(record);
                }
            }
            exhausted = rows < PAGE;
        } catch (SQLException e) {
            throw new Failed(e);
        }
    }

    private AuditRecord auditRecord(ResultSet rows) throws SQLException {
        long sequence = rows.getLong("record_seq");
        try {
            AuditEvent event = new AuditEvent(instant(rows, "occurred_at"), rows.getString("actor"),
                    text(rows, "subject_ref"), value(AuditAction.class, rows, "action", sequence),
                    text(rows, "entity_name"), text(rows, "entity_id"), names(rows.getString("field_names")),
                    text(rows, "purpose"), text(rows, "legal_basis"),
                    value(AuditOutcome.class, rows, "outcome", sequence), text(rows, "detail"));
            return new AuditRecord(sequence, event, hash(rows, "previous_hash", sequence),
                    hash(rows, "record_hash", sequence));
        } catch (CustosException | NullPointerException e) {
            throw new Unreadable(VerifierMessages.rowUnreadable(chain, Long.toString(sequence), "text"));
        }
    }

    private AuditRecord ledgerRecord(ResultSet rows) throws SQLException {
        long eventSeq = rows.getLong("event_seq");
        long sequence = rows.getLong("chain_seq");
        if (rows.wasNull() || rows.getString("previous_hash") == null || rows.getString("record_hash") == null) {
            throw new Unreadable(VerifierMessages.ledgerRowUnchained(Long.toString(eventSeq)));
        }
        Instant expires = instant(rows, "expires_at");
        String type = rows.getString("event_type");
        // as LedgerChain.event: the columns without a place of their own go into the detail, instants first
        String detail = (expires == null ? "" : expires.toString()) + " " + instant(rows, "recorded_at") + " "
                + text(rows, "notice_version");
        try {
            AuditEvent event = new AuditEvent(instant(rows, "occurred_at"), rows.getString("recorded_by"),
                    rows.getString("subject_ref"), "GIVEN".equals(type) ? AuditAction.CONSENT_GIVEN
                    : AuditAction.CONSENT_WITHDRAWN, LEDGER_TABLE, type, evidence(rows), rows.getString("purpose"),
                    "", AuditOutcome.DONE, detail);
            return new AuditRecord(sequence, event, hash(rows, "previous_hash", sequence),
                    hash(rows, "record_hash", sequence));
        } catch (CustosException | NullPointerException e) {
            throw new Unreadable(VerifierMessages.rowUnreadable(chain, Long.toString(sequence), "text"));
        }
    }

    /** As Evidence.hashed: {@code column=value} for each evidence column that is set. */
    private static List<String> evidence(ResultSet rows) throws SQLException {
        List<String> fields = new ArrayList<>();
        for (String column : List.of("evidence_form", "evidence_ref", "evidence_date", "age_band",
                "parental_auth_ref")) {
            String value;
            if (column.equals("evidence_date")) {
                Date date = rows.getDate(column);
                value = date == null ? null : date.toLocalDate().toString();
            } else {
                value = rows.getString(column);
            }
            if (value != null) {
                fields.add(column + "=" + value);
            }
        }
        return fields;
    }

    // CHAR(64) columns read back padded if someone stored a shorter value; the verifier must see it as it is
    private String hash(ResultSet rows, String column, long sequence) throws SQLException {
        String value = rows.getString(column);
        if (value == null) {
            throw new Unreadable(VerifierMessages.rowUnreadable(chain, Long.toString(sequence), column));
        }
        return value.strip();
    }

    private <E extends Enum<E>> E value(Class<E> type, ResultSet rows, String column, long sequence)
            throws SQLException {
        String value = rows.getString(column);
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new Unreadable(VerifierMessages.rowUnreadable(chain, Long.toString(sequence), column));
        }
    }

    /** Text that does not apply is stored as NULL and hashed as empty. */
    private static String text(ResultSet rows, String column) throws SQLException {
        String value = rows.getString(column);
        return value == null ? "" : value;
    }

    private static List<String> names(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(",", -1));
    }

    /** Custos stores instants as UTC timestamps. */
    static Instant instant(ResultSet rows, String column) throws SQLException {
        Timestamp value = rows.getTimestamp(column, Calendar.getInstance(TimeZone.getTimeZone("UTC")));
        return value == null ? null : value.toInstant();
    }
}
