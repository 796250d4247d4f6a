// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.audit;

import dev.custos.core.CustosException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonyms for data subjects, so that an audit trail never holds a subject's id in cleartext and
 * survives the subject's erasure.
 * <p>
 * A pseudonym is {@code "ps1:"} followed by the first 32 hex digits (128 bits) of HMAC-SHA256 over the
 * subject id's UTF-8 bytes. The same key and id always give the same pseudonym, so a subject's events can be
 * found while the key exists; without the key the pseudonym cannot be computed or reversed.
 * <p>
 * Keep one key per data subject (or per small group) in a key store outside the audit trail. Erasing a
 * subject destroys its key: the pseudonyms in the trail then can no longer be linked to the person, while the
 * records, and so the chain's hashes, stay exactly as they were and the chain still verifies. The audit trail
 * never has to be rewritten for an erasure.
 * <p>
 * Stateless and thread-safe: every call makes its own {@link Mac}, which is not thread-safe.
 */
public final class SubjectPseudonyms {

    /** The prefix naming the pseudonym scheme; a new scheme gets a new prefix. */
    public static final String PREFIX = "ps1:";

    /** The length of keys {@link #newKey()} makes, in bytes. */
    public static final int KEY_BYTES = 32;

    /** The shortest key {@link #pseudonym(byte[], String)} accepts, in bytes. */
    public static final int MIN_KEY_BYTES = 16;

    private static final String ALGORITHM = "HmacSHA256";
    private static final int PSEUDONYM_HEX_DIGITS = 32;
    private static final HexFormat HEX = HexFormat.of();

    private SubjectPseudonyms() {
    }

    /** A new random key of {@value #KEY_BYTES} bytes, from a {@link SecureRandom}. */
    public static byte[] newKey() {
        byte[] key = new byte[KEY_BYTES];
        Random.INSTANCE.nextBytes(key);
        return key;
    }

    /**
     * The pseudonym of {@code subjectId} under {@code key}.
     *
     * @throws CustosException if the key is shorter than {@value #MIN_KEY_BYTES} bytes
     */
    public static String pseudonym(byte[] key, String subjectId) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(subjectId, "subjectId");
        if (key.length < MIN_KEY_BYTES) {
            throw new CustosException(AuditMessages.keyTooShort(Integer.toString(key.length),
                    Integer.toString(MIN_KEY_BYTES)));
        }
        byte[] mac;
        try {
            Mac hmac = Mac.getInstance(ALGORITHM);
            hmac.init(new SecretKeySpec(key, ALGORITHM));
            mac = hmac.doFinal(subjectId.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new CustosException(AuditMessages.algorithmMissing(ALGORITHM), e);
        }
        return PREFIX + HEX.formatHex(mac).substring(0, PSEUDONYM_HEX_DIGITS);
    }

    // Seeding a SecureRandom can block or be slow, so it happens once, on first use rather than at class load.
    private static final class Random {
        static final SecureRandom INSTANCE = new SecureRandom();
    }

    /** Whether {@code value} has the form of a pseudonym made by {@link #pseudonym(byte[], String)}. */
    public static boolean isPseudonym(String value) {
        // checked for every audit record built, so by hand: a regular expression cost an eighth of a read's audit
        if (value == null || value.length() != PREFIX.length() + PSEUDONYM_HEX_DIGITS || !value.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }
}
