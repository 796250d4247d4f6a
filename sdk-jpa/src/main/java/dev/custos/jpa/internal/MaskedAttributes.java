// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which attributes of which entity instances the guard masked, so that the write path and Bean Validation can
 * tell a mask from the application's own value. Entities are told apart by identity, not {@code equals} (an
 * application's entity may define equality by id), and held weakly: a masked entity the application drops is
 * forgotten with it. A masked attribute the application clears on purpose ({@link #clear}) is no longer masked:
 * its null is a write, held to the same right as any other value written there. Thread-safe.
 */
public final class MaskedAttributes {

    private final Map<Key, Masks> masked = new HashMap<>();
    private final ReferenceQueue<Object> released = new ReferenceQueue<>();

    /** Records that {@code attributes} of {@code entity} hold the mask now; empty forgets an earlier mask. */
    public synchronized void record(Object entity, List<String> attributes) {
        expunge();
        if (attributes.isEmpty()) {
            if (!masked.isEmpty()) {
                masked.remove(new Key(entity, null));
            }
        } else {
            masked.put(new Key(entity, released), new Masks(Set.copyOf(attributes), Set.of()));
        }
    }

    /**
     * Records that the application cleared {@code attribute} of {@code entity} on purpose.
     *
     * @return whether the attribute was masked, so that the provider must be told of the change
     */
    public synchronized boolean clear(Object entity, String attribute) {
        Masks masks = masked.isEmpty() ? null : masked.get(new Key(entity, null));
        if (masks == null || !masks.masked().contains(attribute)) {
            return false;
        }
        Set<String> cleared = new HashSet<>(masks.cleared());
        cleared.add(attribute);
        masks = new Masks(masks.masked(), Set.copyOf(cleared));
        masked.put(new Key(entity, null), masks); // an equal key's put keeps the one registered with the queue
        return true;
    }

    /** The attributes of {@code entity} that were masked when it was loaded; empty if none. */
    public synchronized Set<String> of(Object entity) {
        if (masked.isEmpty()) {
            return Set.of(); // the common case, asked for every attribute validated: no key made
        }
        Masks masks = masked.get(new Key(entity, null));
        return masks == null ? Set.of() : masks.masked();
    }

    /** Whether {@code attribute} of {@code entity} was masked and still holds the mask (null, not cleared). */
    public boolean stillMasked(Object entity, String attribute) {
        return of(entity).contains(attribute) && !cleared(entity).contains(attribute)
                && AttributeAccess.get(entity, attribute) == null;
    }

    /**
     * The masked attributes of {@code entity} the application has since set to a value or cleared on purpose:
     * deliberate writes.
     */
    public List<String> overwritten(Object entity) {
        Set<String> cleared = cleared(entity);
        return of(entity).stream().filter(a -> cleared.contains(a) || AttributeAccess.get(entity, a) != null)
                .sorted().toList();
    }

    private synchronized Set<String> cleared(Object entity) {
        Masks masks = masked.isEmpty() ? null : masked.get(new Key(entity, null));
        return masks == null ? Set.of() : masks.cleared();
    }

    private void expunge() {
        for (Object key; (key = released.poll()) != null; ) {
            masked.remove(key);
        }
    }

    /** An entity's masked attributes, and those of them the application cleared since. */
    private record Masks(Set<String> masked, Set<String> cleared) {
    }

    /** A weak reference compared by the identity of its referent. */
    private static final class Key extends WeakReference<Object> {
        private final int hash;

        Key(Object entity, ReferenceQueue<Object> queue) {
            super(entity, queue);
            this.hash = System.identityHashCode(entity);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            return other instanceof Key key && key.hash == hash && key.get() != null && key.get() == get();
        }
    }
}
