// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.CustosException;
import dev.custos.core.annotation.ErasureStrategy;
import dev.custos.core.metadata.PersonalDataAttribute;
import dev.custos.jpa.EntityMapping;
import dev.custos.jpa.tx.Transactions;
import dev.custos.jpa.internal.store.SubjectDataKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

/**
 * Encrypts and decrypts the values of CRYPTO_SHRED attributes under their subject's data key
 * ({@link SubjectDataKeys}): AES-256-GCM with a random 12-byte IV, stored as {@code "cs1:" + Base64(IV +
 * ciphertext + tag)} for strings and as the raw bytes {@code IV + ciphertext + tag} for {@code byte[]}. Entities
 * in memory hold plaintext; only the columns hold ciphertext. A value whose key is gone (shredded) decrypts to
 * null. Keys are created in short transactions of their own and read on connections of their own, never cached,
 * so a shredded key is gone for every reader once the shredding transaction commits. Thread-safe.
 */
public final class ShredCipher {

    /** The prefix of an encrypted string. */
    public static final String PREFIX = "cs1:";

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource dataSource;
    private final Transactions transactions;
    private final SubjectDataKeys keys;
    private final SubjectResolver subjects;
    private final Map<Class<?>, Shredded> byType = new HashMap<>();

    /** An entity with CRYPTO_SHRED attributes. */
    public record Shredded(EntityMapping mapping, List<String> attributes) {
    }

    public ShredCipher(DataSource dataSource, Transactions transactions, Clock clock, SubjectResolver subjects,
                       List<EntityMapping> mappings) {
        this.transactions = transactions;
        this.dataSource = dataSource;
        this.keys = new SubjectDataKeys(clock);
        this.subjects = subjects;
        for (EntityMapping mapping : mappings) {
            List<String> names = shredded(mapping);
            if (!names.isEmpty()) {
                byType.put(mapping.type(), new Shredded(mapping, names));
            }
        }
    }

    /** The names of the mapping's CRYPTO_SHRED attributes, in declaration order. */
    public static List<String> shredded(EntityMapping mapping) {
        return mapping.model().attributes().stream().filter(a -> a.erasure() == ErasureStrategy.CRYPTO_SHRED)
                .map(PersonalDataAttribute::name).toList();
    }

    /** The entity's CRYPTO_SHRED attributes, or null when it has none (also for subclasses of a mapped type). */
    public Shredded of(Object entity) {
        for (Class<?> type = entity.getClass(); type != null; type = type.getSuperclass()) {
            Shredded shredded = byType.get(type);
            if (shredded != null) {
                return shredded;
            }
        }
        return null;
    }

    /** The subject's id, for the entity's key; fails when the entity has no subject. */
    public String subjectId(Object entity, Shredded shredded) {
        return subjects.subjectId(entity, shredded.mapping());
    }

    /** The subject's key, created in a committed transaction of its own on first use. */
    public byte[] keyForWriting(String subjectId) {
        return OwnTransaction.run(transactions, dataSource, cause -> JpaMessages.dataKeyUnavailable("created", cause),
                connection -> keys.key(connection, subjectId));
    }

    /** The subject's key if it still exists, read on a connection of its own. */
    public Optional<byte[]> keyForReading(String subjectId) {
        try (Connection connection = dataSource.getConnection()) {
            return keys.existingKey(connection, subjectId);
        } catch (SQLException e) {
            throw new CustosException(JpaMessages.dataKeyUnavailable("read", SanitizedCause.describe(e)), e);
        }
    }

    /** {@code plaintext} (a String or byte[]) encrypted under {@code key}; null stays null. */
    public static Object encrypt(byte[] key, Object plaintext) {
        if (plaintext == null) {
            return null;
        }
        boolean text = plaintext instanceof String;
        byte[] clear = text ? ((String) plaintext).getBytes(StandardCharsets.UTF_8) : (byte[]) plaintext;
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(clear);
            byte[] stored = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, stored, 0, IV_BYTES);
            System.arraycopy(sealed, 0, stored, IV_BYTES, sealed.length);
            return text ? PREFIX + Base64.getEncoder().encodeToString(stored) : stored;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** Whether {@code stored} looks like a value {@link #encrypt} wrote. */
    public static boolean isCiphertext(Object stored) {
        return stored instanceof String s ? s.startsWith(PREFIX)
                : stored instanceof byte[] b && b.length >= IV_BYTES + TAG_BITS / 8;
    }

    /**
     * The plaintext of {@code stored} under {@code key}, or null when the key is gone or does not open the value;
     * a string without the prefix (written before the attribute was encrypted) is returned as it is.
     */
    public static Object decrypt(Optional<byte[]> key, Object stored) {
        if (stored == null || (stored instanceof String s && !s.startsWith(PREFIX))) {
            return stored;
        }
        if (key.isEmpty() || !isCiphertext(stored)) {
            return null;
        }
        boolean text = stored instanceof String;
        byte[] raw;
        try {
            raw = text ? Base64.getDecoder().decode(((String) stored).substring(PREFIX.length())) : (byte[]) stored;
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (raw.length < IV_BYTES + TAG_BITS / 8) {
            return null;
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key.get(), "AES"),
                    new GCMParameterSpec(TAG_BITS, raw, 0, IV_BYTES));
            byte[] clear = cipher.doFinal(raw, IV_BYTES, raw.length - IV_BYTES);
            return text ? new String(clear, StandardCharsets.UTF_8) : clear;
        } catch (javax.crypto.AEADBadTagException e) {
            return null; // a key that does not open the value: the value is not readable, as if erased
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * Decrypts the entity's CRYPTO_SHRED attributes in place, reading the key once.
     *
     * @return the plaintexts by attribute name (null where the key is gone), or an empty map without any
     */
    public Map<String, Object> decryptInPlace(Object entity) {
        Shredded shredded = of(entity);
        if (shredded == null) {
            return Map.of();
        }
        Map<String, Object> clear = new HashMap<>();
        Optional<byte[]> key = null;
        for (String attribute : shredded.attributes()) {
            Object stored = AttributeAccess.get(entity, attribute);
            if (stored == null || !isStored(stored)) {
                continue;
            }
            if (key == null) {
                Object subject = AttributeAccess.get(entity, shredded.mapping().model().subjectAttribute());
                key = subject == null ? Optional.empty() : keyForReading(subjectId(entity, shredded));
            }
            Object plain = decrypt(key, stored);
            AttributeAccess.set(entity, attribute, plain);
            clear.put(attribute, plain);
        }
        return clear;
    }

    private static boolean isStored(Object value) {
        return !(value instanceof String s) || s.startsWith(PREFIX);
    }

    static byte[] copy(byte[] bytes) {
        return bytes == null ? null : Arrays.copyOf(bytes, bytes.length);
    }
}
