// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.store;

import dev.custos.core.audit.Checkpoint;
import dev.custos.jpa.audit.SignedCheckpoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The signed cut of an audit chain in {@code custos_checkpoint} (chain name {@value SignedCheckpoint#CUT}): the record
 * up to which the audit trail's retention exported, and may have dropped, the chain's records. Verification of a
 * chain whose first record is past 1 starts from the cut just before it; without one, the missing records are a
 * break. Stateless; thread-safe.
 */
public final class ChainCut {

    /** A stored cut with its Base64 signature. */
    public record Stored(SignedCheckpoint checkpoint, String signature) {
    }

    private ChainCut() {
    }

    /** The cut of chain {@code chainId} at record {@code sequence}, if one is stored. */
    public static Optional<Stored> find(Connection connection, int chainId, long sequence) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT last_hash, signed_at, signature"
                + " FROM custos_checkpoint WHERE chain_name = ? AND chain_id = ? AND last_seq = ?")) {
            select.setString(1, SignedCheckpoint.CUT);
            select.setInt(2, chainId);
            select.setLong(3, sequence);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                String hash = rows.getString(1).strip();
                if (!hash.matches("[0-9a-f]{64}")) {
                    return Optional.empty(); // no checkpoint Custos signed
                }
                return Optional.of(new Stored(new SignedCheckpoint(SignedCheckpoint.CUT, chainId,
                        new Checkpoint(sequence, hash), Jdbc.getInstant(rows, "signed_at")), rows.getString(3)));
            }
        }
    }

    /**
     * Where verification of chain {@code chainId} starts: {@link Checkpoint#GENESIS} when its records start at 1 (or
     * there are none and its head is at 0), else the sequence before its first record (its head when every record
     * was dropped).
     */
    static long start(Connection connection, int chainId, long head) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT MIN(record_seq) FROM custos_audit_record WHERE chain_id = ?")) {
            select.setInt(1, chainId);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                long first = rows.getLong(1);
                return rows.wasNull() ? head : Math.max(0, first - 1);
            }
        }
    }
}
