// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.store;

import dev.custos.core.CustosException;
import dev.custos.core.audit.CheckpointSignatures;
import dev.custos.core.audit.Checkpoint;
import dev.custos.jpa.audit.SignedCheckpoint;
import dev.custos.jpa.internal.JpaMessages;
import dev.custos.jpa.internal.SanitizedCause;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Signs the heads of the chains ({@code custos_audit_head}, {@code custos_consent_head}) with the operator's Ed25519
 * key into {@code custos_checkpoint} (schema version 10), in sdk-core's {@link CheckpointSignatures} format. It reads
 * committed heads only and never locks them, so appends never wait for it; a head that has not moved since its newest
 * checkpoint is not signed again, and two servers signing the same head store it once. Thread-safe.
 */
public final class CheckpointSigner {

    private final PrivateKey key;
    private final Clock clock;

    public CheckpointSigner(PrivateKey key, Clock clock) {
        this.key = Objects.requireNonNull(key, "key");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The Ed25519 private key in {@code file}: PKCS#8, PEM (as {@code openssl genpkey -algorithm ed25519} writes it)
     * or DER.
     *
     * @param setting the setting that named the file, for the message
     * @throws CustosException {@code CUSTOS-04491} when it cannot be read as such a key
     */
    public static PrivateKey readKey(String setting, Path file) {
        try {
            byte[] bytes = CheckpointSignatures.der(Files.readAllBytes(file));
            return KeyFactory.getInstance(CheckpointSignatures.ALGORITHM)
                    .generatePrivate(new PKCS8EncodedKeySpec(bytes));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new CustosException(JpaMessages.signingKeyUnreadable(setting, file.toString(),
                    SanitizedCause.describe(e)), e);
        }
    }

    /** Signs every chain head that moved since its newest checkpoint, in the caller's transaction. */
    public List<SignedCheckpoint> sign(Connection connection) throws SQLException {
        Map<String, Long> newest = newestSigned(connection);
        List<SignedCheckpoint> signed = new ArrayList<>();
        for (SignedCheckpoint head : heads(connection)) {
            long before = newest.getOrDefault(head.chain() + "/" + head.chainId(), 0L);
            if (head.head().sequence() > before && insert(connection, head)) {
                signed.add(head);
            }
        }
        return signed;
    }

    /**
     * The checkpoint of record {@code cut.sequence()} of audit chain {@code chainId} signed as chain
     * {@value SignedCheckpoint#CUT}, the trusted start of the chain once the records up to it are dropped: the one
     * stored, or a new one signed and stored in the caller's transaction.
     */
    public ChainCut.Stored signCut(Connection connection, int chainId, Checkpoint cut) throws SQLException {
        Optional<ChainCut.Stored> stored = ChainCut.find(connection, chainId, cut.sequence());
        if (stored.isPresent()) {
            return stored.get();
        }
        SignedCheckpoint signed = new SignedCheckpoint(SignedCheckpoint.CUT, chainId, cut,
                CheckpointSignatures.stored(clock.instant()));
        insert(connection, signed);
        return ChainCut.find(connection, chainId, cut.sequence()).orElseThrow();
    }

    /**
     * Whether this key signed {@code stored}: Ed25519 signatures are deterministic (RFC 8032), so signing the same
     * payload again gives the same signature.
     */
    public boolean signed(ChainCut.Stored stored) {
        try {
            return CheckpointSignatures.sign(key, CheckpointSignatures.payload(stored.checkpoint().chain(),
                    stored.checkpoint().chainId(), stored.checkpoint().head(), stored.checkpoint().signedAt()))
                    .equals(stored.signature());
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private List<SignedCheckpoint> heads(Connection connection) throws SQLException {
        Instant now = CheckpointSignatures.stored(clock.instant());
        List<SignedCheckpoint> heads = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT chain_id, last_seq, last_hash FROM custos_audit_head ORDER BY chain_id");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                heads.add(new SignedCheckpoint(SignedCheckpoint.AUDIT, rows.getInt(1),
                        new Checkpoint(rows.getLong(2), rows.getString(3).strip()), now));
            }
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT last_seq, last_hash FROM custos_consent_head WHERE head_id = 1");
             ResultSet rows = select.executeQuery()) {
            if (rows.next()) {
                heads.add(new SignedCheckpoint(SignedCheckpoint.LEDGER, 0,
                        new Checkpoint(rows.getLong(1), rows.getString(2).strip()), now));
            }
        }
        return heads;
    }

    private static Map<String, Long> newestSigned(Connection connection) throws SQLException {
        Map<String, Long> newest = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT chain_name, chain_id, MAX(last_seq)"
                + " FROM custos_checkpoint GROUP BY chain_name, chain_id");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                newest.put(rows.getString(1) + "/" + rows.getInt(2), rows.getLong(3));
            }
        }
        return newest;
    }

    private boolean insert(Connection connection, SignedCheckpoint head) throws SQLException {
        String signature;
        try {
            signature = CheckpointSignatures.sign(key, CheckpointSignatures.payload(head.chain(), head.chainId(),
                    head.head(), head.signedAt()));
        } catch (GeneralSecurityException e) {
            throw new CustosException(JpaMessages.checkpointSigningFailed(SanitizedCause.describe(e)), e);
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO custos_checkpoint (chain_name,"
                + " chain_id, last_seq, last_hash, signed_at, signature) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, head.chain());
            insert.setInt(2, head.chainId());
            insert.setLong(3, head.head().sequence());
            insert.setString(4, head.head().hash());
            Jdbc.setInstant(insert, 5, head.signedAt());
            insert.setString(6, signature);
            // another server signed the same head at the same time: one checkpoint is enough
            return Jdbc.insertUnlessDuplicate(connection, insert);
        }
    }
}
