// SPDX-License-Identifier: Apache-2.0
package dev.custos.verifier;

import dev.custos.core.SafeCause;
import dev.custos.core.audit.CheckpointSignatures;
import dev.custos.core.audit.Checkpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The checkpoints Custos signed into {@code custos_checkpoint} (schema version 10), and the operator's public keys
 * that check them. Only a checkpoint whose signature one of the keys accepts is trusted; the database could hold
 * anything else. Stateless apart from the keys; thread-safe.
 */
final class SignedHeads {

    /** One stored checkpoint; {@code valid} when a given key accepts its signature. */
    record Stored(String chain, int chainId, long sequence, String hash, Instant signedAt, boolean valid) {
    }

    private final List<PublicKey> keys;

    SignedHeads(List<PublicKey> keys) {
        this.keys = List.copyOf(keys);
    }

    /**
     * The Ed25519 public key in {@code file}: X.509 SubjectPublicKeyInfo, PEM (as {@code openssl pkey -pubout} writes
     * it) or DER.
     */
    static PublicKey readKey(Path file) throws Options.UsageException {
        try {
            byte[] bytes = CheckpointSignatures.der(Files.readAllBytes(file));
            return KeyFactory.getInstance(CheckpointSignatures.ALGORITHM).generatePublic(new X509EncodedKeySpec(bytes));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new Options.UsageException(VerifierMessages.publicKeyUnreadable(file.toString(),
                    SafeCause.of(e)));
        }
    }

    /** The checkpoints of every chain, by chain and sequence, each checked against the keys. */
    List<Stored> read(Connection connection) throws SQLException {
        List<Stored> stored = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT chain_name, chain_id, last_seq, last_hash,"
                + " signed_at, signature FROM custos_checkpoint ORDER BY chain_name, chain_id, last_seq");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                String chain = rows.getString(1);
                int chainId = rows.getInt(2);
                long sequence = rows.getLong(3);
                String hash = rows.getString(4).strip();
                Instant signedAt = ChainRows.instant(rows, "signed_at");
                stored.add(new Stored(chain, chainId, sequence, hash, signedAt,
                        accepted(chain, chainId, sequence, hash, signedAt, rows.getString(6))));
            }
        }
        return stored;
    }

    private boolean accepted(String chain, int chainId, long sequence, String hash, Instant signedAt,
                             String signature) {
        byte[] payload;
        try {
            payload = CheckpointSignatures.payload(chain, chainId, new Checkpoint(sequence, hash), signedAt);
        } catch (RuntimeException malformed) {
            return false; // a negative sequence or a malformed hash was never signed by Custos
        }
        for (PublicKey key : keys) {
            try {
                if (CheckpointSignatures.verify(key, payload, signature)) {
                    return true;
                }
            } catch (GeneralSecurityException wrongKey) {
                // a key of another algorithm accepts nothing; readKey only lets Ed25519 keys through
            }
        }
        return false;
    }
}
