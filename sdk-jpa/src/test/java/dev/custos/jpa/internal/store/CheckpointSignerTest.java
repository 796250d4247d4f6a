// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.CustosException;
import dev.custos.core.audit.CheckpointSignatures;
import dev.custos.core.audit.Checkpoint;
import dev.custos.core.consent.ConsentEvent;
import dev.custos.jpa.audit.SignedCheckpoint;
import dev.custos.jpa.testing.DatabaseTest;
import dev.custos.jpa.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointSignerTest {

    private static final Instant NOW = Instant.parse("2026-12-06T09:30:00.1234567Z");

    @TempDir
    Path folder;

    private static KeyPair keys() throws Exception {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    @DatabaseTest
    void signsEveryMovedHeadOnceWithASignatureThePublicKeyAccepts(String database) throws Exception {
        KeyPair keys = keys();
        CheckpointSigner signer = new CheckpointSigner(keys.getPrivate(), Clock.fixed(NOW, ZoneOffset.UTC));
        try (TestDatabase db = TestDatabase.migrated(database); Connection c = db.transaction()) {
            assertThat(signer.sign(c)).isEmpty();
            AuditTrail trail = new AuditTrail();
            trail.append(c, AuditTrailTest.read("", NOW));
            trail.append(c, AuditTrailTest.read("", NOW));
            new ConsentLedger(new SubjectKeys()).record(c, ConsentEvent.given("kari", "newsletter", NOW, "n1"), "web");
            c.commit();

            List<SignedCheckpoint> signed = signer.sign(c);
            c.commit();
            assertThat(signed).extracting(SignedCheckpoint::chain, SignedCheckpoint::chainId, s -> s.head().sequence())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("audit", 1, 2L),
                            org.assertj.core.groups.Tuple.tuple("ledger", 0, 1L));
            assertThat(signer.sign(c)).as("no head moved").isEmpty();

            try (PreparedStatement select = c.prepareStatement("SELECT chain_name, chain_id, last_seq, last_hash,"
                    + " signed_at, signature FROM custos_checkpoint ORDER BY chain_name");
                 ResultSet rows = select.executeQuery()) {
                int count = 0;
                while (rows.next()) {
                    count++;
                    byte[] payload = CheckpointSignatures.payload(rows.getString(1), rows.getInt(2),
                            new Checkpoint(rows.getLong(3), rows.getString(4).strip()),
                            Jdbc.getInstant(rows, "signed_at"));
                    assertThat(CheckpointSignatures.verify(keys.getPublic(), payload, rows.getString(6))).isTrue();
                }
                assertThat(count).isEqualTo(2);
            }
            assertThat(trail.head(c)).isEqualTo(signed.get(0).head());
            trail.append(c, AuditTrailTest.read("", NOW));
            c.commit();
            assertThat(signer.sign(c)).extracting(s -> s.head().sequence()).containsExactly(3L);
        }
    }

    @DatabaseTest
    void theCheckpointsAreAppendOnly(String database) throws Exception {
        CheckpointSigner signer = new CheckpointSigner(keys().getPrivate(), Clock.systemUTC());
        try (TestDatabase db = TestDatabase.migrated(database); Connection c = db.transaction()) {
            new AuditTrail().append(c, AuditTrailTest.read("", NOW));
            signer.sign(c);
            c.commit();
            assertThatThrownBy(() -> c.createStatement().executeUpdate("DELETE FROM custos_checkpoint"))
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void readsAPemOrDerPkcs8KeyAndRefusesAnythingElse() throws Exception {
        KeyPair keys = keys();
        Path der = Files.write(folder.resolve("key.der"), keys.getPrivate().getEncoded());
        Path pem = Files.writeString(folder.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keys.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        assertThat(CheckpointSigner.readKey("k", der).getEncoded()).isEqualTo(keys.getPrivate().getEncoded());
        assertThat(CheckpointSigner.readKey("k", pem).getEncoded()).isEqualTo(keys.getPrivate().getEncoded());

        Path publicKey = Files.write(folder.resolve("public.der"), keys.getPublic().getEncoded());
        assertThatThrownBy(() -> CheckpointSigner.readKey("custos.checkpoint.signing-key", publicKey))
                .isInstanceOf(CustosException.class).hasMessageStartingWith("CUSTOS-04491")
                .hasMessageContaining("custos.checkpoint.signing-key");
        assertThatThrownBy(() -> CheckpointSigner.readKey("k", folder.resolve("missing")))
                .isInstanceOf(CustosException.class).hasMessageStartingWith("CUSTOS-04491");
    }
}
