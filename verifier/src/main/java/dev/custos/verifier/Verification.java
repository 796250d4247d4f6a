// SPDX-License-Identifier: Apache-2.0
package dev.custos.verifier;

import dev.custos.core.audit.Checkpoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * Verifies every chain in one database, read-only: each audit chain that has a head, a record or a checkpoint, and
 * the consent ledger. On PostgreSQL it reads one snapshot (a read-only REPEATABLE READ transaction), elsewhere
 * committed rows: the checkpoints first, then each head, then the records, so that records appended meanwhile only
 * extend what is checked. Not thread-safe.
 */
final class Verification {

    /** The chain name of a cut: the last record of a chain that the audit trail's retention exported. */
    private static final String CUT = "audit-cut";

    private final Connection connection;
    private final SignedHeads keys; // null: no public key given

    Verification(Connection connection, SignedHeads keys) {
        this.connection = connection;
        this.keys = keys;
    }

    /** Runs in a transaction of its own, which it rolls back: nothing is ever written. */
    List<ChainResult> run() throws SQLException {
        connection.setReadOnly(true);
        connection.setAutoCommit(false);
        if (connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT)
                .contains("postgresql")) {
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        }
        try {
            List<SignedHeads.Stored> checkpoints = keys == null ? null : keys.read(connection);
            // without keys the cuts are read all the same, and taken unchecked, as everything else then
            List<SignedHeads.Stored> cuts = checkpoints != null ? checkpoints
                    : new SignedHeads(List.of()).read(connection);
            List<ChainResult> results = new ArrayList<>();
            for (int chainId : auditChains(checkpoints)) {
                String name = "audit/" + chainId;
                Optional<Checkpoint> head = head("SELECT last_seq, last_hash FROM custos_audit_head WHERE chain_id = ?",
                        chainId);
                OptionalLong first = first(chainId);
                long start = first.isPresent() ? first.getAsLong() - 1 : head.map(Checkpoint::sequence).orElse(0L);
                // with no record left, the newest cut: the records after it must then be missing from the head
                Optional<SignedHeads.Stored> cut = of(cuts, CUT, chainId).stream()
                        .filter(c -> (first.isPresent() ? c.sequence() == start : c.sequence() <= start)
                                && (c.valid() || keys == null))
                        .max(java.util.Comparator.comparingLong(SignedHeads.Stored::sequence));
                if (start > 0 && cut.isEmpty()) {
                    results.add(ChainResult.cutUncovered(name, start));
                    continue;
                }
                results.add(ChainCheck.run(name, ChainRows.audit(connection, name, chainId), head,
                        of(checkpoints, "audit", chainId), cut.orElse(null)));
            }
            results.add(ChainCheck.run("ledger", ChainRows.ledger(connection),
                    head("SELECT last_seq, last_hash FROM custos_consent_head WHERE head_id = ?", 1),
                    of(checkpoints, "ledger", 0)));
            return results;
        } finally {
            connection.rollback();
        }
    }

    private TreeSet<Integer> auditChains(List<SignedHeads.Stored> checkpoints) throws SQLException {
        TreeSet<Integer> chains = new TreeSet<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT chain_id FROM custos_audit_head"
                + " UNION SELECT DISTINCT chain_id FROM custos_audit_record");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                chains.add(rows.getInt(1));
            }
        }
        if (checkpoints != null) {
            // a chain removed with its head is still named by its checkpoints
            checkpoints.stream().filter(c -> c.chain().equals("audit")).forEach(c -> chains.add(c.chainId()));
        }
        return chains;
    }

    /**
     * The chain's first record, empty when none is left: the audit trail's retention drops a chain's oldest records
     * once their signed cut is exported, so a chain may start after record 1.
     */
    private OptionalLong first(int chainId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT MIN(record_seq) FROM custos_audit_record WHERE chain_id = ?")) {
            select.setInt(1, chainId);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                long first = rows.getLong(1);
                return rows.wasNull() ? OptionalLong.empty() : OptionalLong.of(Math.max(1, first));
            }
        }
    }

    private static List<SignedHeads.Stored> of(List<SignedHeads.Stored> checkpoints, String chain, int chainId) {
        return checkpoints == null ? null : checkpoints.stream()
                .filter(c -> c.chain().equals(chain) && c.chainId() == chainId).toList();
    }

    private Optional<Checkpoint> head(String sql, int id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setInt(1, id);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                long sequence = rows.getLong(1);
                String hash = rows.getString(2).strip();
                try {
                    return Optional.of(new Checkpoint(sequence, hash));
                } catch (RuntimeException malformed) {
                    // a head row that is no checkpoint is as good as none: the signed checkpoints still count
                    return Optional.empty();
                }
            }
        }
    }
}
