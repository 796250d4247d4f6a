// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CheckpointSignaturesTest {

    private static final Instant AT = Instant.parse("2026-12-06T09:00:00.123456789Z");
    private static final Checkpoint HEAD = new Checkpoint(42, "ab".repeat(32));

    private static KeyPair keys() throws Exception {
        return KeyPairGenerator.getInstance(CheckpointSignatures.ALGORITHM).generateKeyPair();
    }

    @Test
    void payloadIsTheDocumentedLinesWithTheInstantToTheMicrosecond() {
        assertThat(new String(CheckpointSignatures.payload("audit", 2, HEAD, AT), StandardCharsets.UTF_8))
                .isEqualTo("custos-checkpoint-v1\naudit\n2\n42\n" + "ab".repeat(32) + "\n2026-12-06T09:00:00.123456Z");
    }

    @Test
    void aSignatureVerifiesOnlyForItsPayloadAndKey() throws Exception {
        KeyPair keys = keys();
        byte[] payload = CheckpointSignatures.payload("audit", 1, HEAD, AT);
        String signature = CheckpointSignatures.sign(keys.getPrivate(), payload);

        assertThat(CheckpointSignatures.verify(keys.getPublic(), payload, signature)).isTrue();
        assertThat(CheckpointSignatures.verify(keys.getPublic(),
                CheckpointSignatures.payload("audit", 1, new Checkpoint(41, "ab".repeat(32)), AT), signature)).isFalse();
        assertThat(CheckpointSignatures.verify(keys.getPublic(),
                CheckpointSignatures.payload("ledger", 1, HEAD, AT), signature)).isFalse();
        assertThat(CheckpointSignatures.verify(keys().getPublic(), payload, signature)).isFalse();
        assertThat(CheckpointSignatures.verify(keys.getPublic(), payload, "not base64!")).isFalse();
        assertThat(CheckpointSignatures.verify(keys.getPublic(), payload, "AAAA")).isFalse();
    }
}
