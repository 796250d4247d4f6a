// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.hibernate;

import dev.custos.jpa.internal.ShredCipher;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.hibernate.engine.spi.EntityEntry;
import org.hibernate.event.spi.EventSource;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Encrypts CRYPTO_SHRED attributes in the state Hibernate writes and keeps the entry's loaded state in plaintext,
 * so dirty checking sees no change; decrypts them after a load.
 */
final class ShreddedState {

    private final ShredCipher cipher;

    ShreddedState(ShredCipher cipher) {
        this.cipher = cipher;
    }

    /** Replaces the plaintext of CRYPTO_SHRED attributes in the state to write with their ciphertext. */
    void encrypt(Object entity, EntityPersister persister, Object[] state) {
        ShredCipher.Shredded shredded = cipher.of(entity);
        if (shredded == null) {
            return;
        }
        List<String> names = Arrays.asList(persister.getPropertyNames());
        byte[] key = null;
        for (String attribute : shredded.attributes()) {
            int index = names.indexOf(attribute);
            if (index < 0 || state[index] == null) {
                continue;
            }
            if (key == null) {
                key = cipher.keyForWriting(cipher.subjectId(entity, shredded));
            }
            state[index] = ShredCipher.encrypt(key, state[index]);
        }
    }

    /** After a write the entry's loaded state holds the ciphertext written: set the plaintext back. */
    void plaintextLoadedState(Object entity, EntityPersister persister, EntityEntry entry) {
        ShredCipher.Shredded shredded = cipher.of(entity);
        Object[] loaded = entry == null ? null : entry.getLoadedState();
        if (shredded == null || loaded == null) {
            return;
        }
        List<String> names = Arrays.asList(persister.getPropertyNames());
        Object[] current = persister.getValues(entity);
        for (String attribute : shredded.attributes()) {
            int index = names.indexOf(attribute);
            if (index >= 0) {
                loaded[index] = copy(current[index]);
            }
        }
    }

    /** Decrypts a loaded entity's CRYPTO_SHRED attributes, and its loaded state with them. */
    void decrypt(EventSource session, EntityPersister persister, Object entity) {
        Map<String, Object> clear = cipher.decryptInPlace(entity);
        if (clear.isEmpty()) {
            return;
        }
        EntityEntry entry = session.getPersistenceContextInternal().getEntry(entity);
        Object[] loaded = entry == null ? null : entry.getLoadedState();
        if (loaded != null) {
            List<String> names = Arrays.asList(persister.getPropertyNames());
            clear.forEach((attribute, value) -> {
                int index = names.indexOf(attribute);
                if (index >= 0) {
                    loaded[index] = copy(value);
                }
            });
        }
    }

    private static Object copy(Object value) {
        return value instanceof byte[] bytes ? bytes.clone() : value;
    }
}
