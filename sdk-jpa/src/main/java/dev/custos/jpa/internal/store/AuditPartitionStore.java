// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The monthly partitions of {@code custos_audit_record} on PostgreSQL (schema version 13) and their exports in
 * {@code custos_audit_export}: the SQL of partition maintenance and of the audit trail's own retention, in the
 * caller's transaction. Partitions are created and dropped only through the schema's SECURITY DEFINER functions
 * {@code custos_audit_partition} and {@code custos_audit_partition_drop}, so the application's role needs no
 * ownership of the table. Stateless; thread-safe.
 */
public final class AuditPartitionStore {

    private static final Pattern NAME = Pattern.compile("custos_audit_record_p(\\d{4})(\\d{2})");

    /** One chain's records in one partition: sequences {@code first} to {@code last}, {@code count} of them. */
    public record Span(int chainId, long first, long last, long count) {
    }

    /** What {@code custos_audit_export} records of one chain of an exported partition. */
    public record Exported(int chainId, long first, long last, long count, String file, String sha256) {
    }

    /** Whether the connection's database partitions the audit trail (PostgreSQL). */
    public static boolean partitioned(Connection connection) throws SQLException {
        return Jdbc.isPostgresql(connection);
    }

    /** The partition's name for {@code month}. */
    public static String name(YearMonth month) {
        return String.format(java.util.Locale.ROOT, "custos_audit_record_p%04d%02d", month.getYear(),
                month.getMonthValue());
    }

    /**
     * Creates {@code month}'s partition unless it exists; empty when the default partition holds records of that
     * month, which then stay there (the database refuses to move them, as any delete).
     */
    public Optional<String> create(Connection connection, YearMonth month) throws SQLException {
        try (PreparedStatement call = connection.prepareStatement("SELECT custos_audit_partition(?)")) {
            call.setObject(1, LocalDate.of(month.getYear(), month.getMonth(), 1));
            try (ResultSet result = call.executeQuery()) {
                result.next();
                return Optional.ofNullable(result.getString(1));
            }
        }
    }

    /** The monthly partitions (never the default one), oldest first. */
    public TreeMap<YearMonth, String> partitions(Connection connection) throws SQLException {
        TreeMap<YearMonth, String> partitions = new TreeMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT c.relname FROM pg_inherits i"
                + " JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = to_regclass('custos_audit_record')");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                Matcher name = NAME.matcher(rows.getString(1));
                if (name.matches()) {
                    partitions.put(YearMonth.of(Integer.parseInt(name.group(1)), Integer.parseInt(name.group(2))),
                            name.group());
                }
            }
        }
        return partitions;
    }

    /** Each chain's records in {@code partition}, by chain. */
    public List<Span> spans(Connection connection, String partition) throws SQLException {
        List<Span> spans = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT chain_id, MIN(record_seq),"
                + " MAX(record_seq), COUNT(*) FROM " + checked(partition) + " GROUP BY chain_id ORDER BY chain_id");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                spans.add(new Span(rows.getInt(1), rows.getLong(2), rows.getLong(3), rows.getLong(4)));
            }
        }
        return spans;
    }

    /** The lowest sequence of chain {@code chainId} in the whole trail, or in every partition but {@code except}. */
    public OptionalLong firstSequence(Connection connection, int chainId, String except) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT MIN(record_seq) FROM custos_audit_record"
                + " WHERE chain_id = ?" + (except == null ? "" : " AND tableoid <> to_regclass(?)"))) {
            select.setInt(1, chainId);
            if (except != null) {
                select.setString(2, except);
            }
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                long first = rows.getLong(1);
                return rows.wasNull() ? OptionalLong.empty() : OptionalLong.of(first);
            }
        }
    }

    /** The hash of record {@code sequence} of chain {@code chainId} in {@code partition}. */
    public String hash(Connection connection, String partition, int chainId, long sequence) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT record_hash FROM " + checked(partition)
                + " WHERE chain_id = ? AND record_seq = ?")) {
            select.setInt(1, chainId);
            select.setLong(2, sequence);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getString(1).strip();
            }
        }
    }

    /** {@code partition}'s records by chain and sequence, as {@link AuditRows#COLUMNS} with {@code chain_id} first. */
    public PreparedStatement records(Connection connection, String partition) throws SQLException {
        PreparedStatement select = connection.prepareStatement("SELECT chain_id, " + AuditRows.COLUMNS + " FROM "
                + checked(partition) + " ORDER BY chain_id, record_seq");
        select.setFetchSize(ChainPages.PAGE);
        return select;
    }

    /** What {@code custos_audit_export} records of {@code partition}, by chain; empty when it was not exported. */
    public List<Exported> exported(Connection connection, String partition) throws SQLException {
        List<Exported> exported = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT chain_id, first_seq, last_seq,"
                + " record_count, file_name, file_sha256 FROM custos_audit_export WHERE partition_name = ?"
                + " ORDER BY chain_id")) {
            select.setString(1, partition);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    exported.add(new Exported(rows.getInt(1), rows.getLong(2), rows.getLong(3), rows.getLong(4),
                            rows.getString(5), rows.getString(6).strip()));
                }
            }
        }
        return exported;
    }

    /** Records that {@code partition}'s records of one chain were exported. */
    public void recordExport(Connection connection, String partition, Exported exported, java.time.Instant at)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO custos_audit_export (partition_name,"
                + " chain_id, first_seq, last_seq, record_count, file_name, file_sha256, exported_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, partition);
            insert.setInt(2, exported.chainId());
            insert.setLong(3, exported.first());
            insert.setLong(4, exported.last());
            insert.setLong(5, exported.count());
            insert.setString(6, exported.file());
            insert.setString(7, exported.sha256());
            Jdbc.setInstant(insert, 8, at);
            insert.executeUpdate();
        }
    }

    /**
     * Drops {@code partition}; false when the database refuses because its records are not exactly the ones
     * recorded as exported with their signed cut (records arrived since, or no export).
     */
    public boolean drop(Connection connection, String partition) throws SQLException {
        try (PreparedStatement call = connection.prepareStatement("SELECT custos_audit_partition_drop(?)")) {
            call.setString(1, checked(partition));
            try (ResultSet result = call.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    // Partition names go into SQL text: only the names Custos gives its partitions get there.
    private static String checked(String partition) {
        if (!NAME.matcher(partition).matches()) {
            throw new IllegalArgumentException("not a partition of custos_audit_record: " + partition);
        }
        return partition;
    }
}
