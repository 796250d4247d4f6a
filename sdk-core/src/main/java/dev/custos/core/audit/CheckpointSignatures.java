// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Objects;

/**
 * The signed form of a chain's {@link Checkpoint}, format {@value #FORMAT}: what Custos signs with the operator's
 * Ed25519 key and what an independent verifier checks with the public key, so that a chain cut short or rewritten
 * with recomputed hashes is found by someone who trusts nothing stored next to it. Stateless and thread-safe.
 * <p>
 * The signed bytes are the UTF-8 lines, joined by a line feed:
 * <pre>
 * custos-checkpoint-v1
 * chain            (for example "audit" or "ledger")
 * chainId          (decimal)
 * sequence         (decimal)
 * hash             (64 lowercase hex digits)
 * signedAt         (ISO-8601 instant, to the microsecond, as Instant.toString writes it)
 * </pre>
 * Changing anything here invalidates every stored signature: a new layout needs a new format name.
 */
public final class CheckpointSignatures {

    /** The name of the layout, the first line of the signed bytes. */
    public static final String FORMAT = "custos-checkpoint-v1";

    /** The JDK signature algorithm, with keys from {@code KeyFactory.getInstance("Ed25519")}. */
    public static final String ALGORITHM = "Ed25519";

    private CheckpointSignatures() {
    }

    /**
     * The bytes signed for {@code head} of chain {@code chain}/{@code chainId} at {@code signedAt}.
     *
     * @param chain a name without line breaks, such as {@code audit}
     */
    public static byte[] payload(String chain, int chainId, Checkpoint head, Instant signedAt) {
        Objects.requireNonNull(head, "head");
        if (chain.isEmpty() || chain.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a chain name is one line of text: " + chain);
        }
        String text = String.join("\n", FORMAT, chain, Integer.toString(chainId), Long.toString(head.sequence()),
                head.hash(), stored(signedAt).toString());
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The DER bytes of a key file, as OpenSSL writes it in PEM (the Base64 between the {@code -----BEGIN} and
     * {@code -----END} lines) or as the JDK's {@code Key.getEncoded()} gives it (DER, returned as is).
     *
     * @throws IllegalArgumentException for PEM whose body is not Base64
     */
    public static byte[] der(byte[] keyFile) {
        String text = new String(keyFile, StandardCharsets.US_ASCII);
        if (!text.contains("-----BEGIN")) {
            return keyFile;
        }
        StringBuilder base64 = new StringBuilder();
        for (String line : text.split("\\R")) {
            if (!line.startsWith("-----")) {
                base64.append(line.strip());
            }
        }
        return Base64.getDecoder().decode(base64.toString());
    }

    /** {@code signedAt} as the payload and the databases keep it: to the microsecond. */
    public static Instant stored(Instant signedAt) {
        return signedAt.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * The signature of {@code payload} with {@code key}, in Base64 (88 characters).
     *
     * @throws GeneralSecurityException if {@code key} is not an Ed25519 key or the JDK lacks the algorithm
     */
    public static String sign(PrivateKey key, byte[] payload) throws GeneralSecurityException {
        Signature signer = Signature.getInstance(ALGORITHM);
        signer.initSign(key);
        signer.update(payload);
        return Base64.getEncoder().encodeToString(signer.sign());
    }

    /**
     * Whether {@code signature} (Base64) is {@code key}'s signature of {@code payload}; false for text that is not
     * Base64 at all.
     *
     * @throws GeneralSecurityException if {@code key} is not an Ed25519 key or the JDK lacks the algorithm
     */
    public static boolean verify(PublicKey key, byte[] payload, String signature) throws GeneralSecurityException {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(signature.strip());
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        Signature verifier = Signature.getInstance(ALGORITHM);
        verifier.initVerify(key);
        verifier.update(payload);
        try {
            return verifier.verify(bytes);
        } catch (java.security.SignatureException malformed) {
            return false; // a signature of the wrong length is as false as a wrong one
        }
    }
}
