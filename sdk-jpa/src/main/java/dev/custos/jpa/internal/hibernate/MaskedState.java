// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.hibernate;

import jakarta.persistence.EntityManager;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.hibernate.engine.spi.EntityEntry;
import org.hibernate.engine.spi.EntityEntryExtraState;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.hibernate.event.spi.PreUpdateEventListener;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Kept on a masked entity's entry in the persistence context: the stored values the mask hides, so that
 * an update of the entity writes them, not the mask. It lives and dies with the entry.
 */
public final class MaskedState implements EntityEntryExtraState {

    private final Map<String, Object> originals;
    private EntityEntryExtraState next;

    MaskedState(Map<String, Object> originals) {
        // stored values may be null, which Map.copyOf refuses
        this.originals = new HashMap<>(originals);
    }

    /** The stored values of the attributes still masked. */
    Map<String, Object> originals() {
        return Collections.unmodifiableMap(originals);
    }

    /**
     * Clears {@code attribute} of the managed {@code entity} on purpose (see {@code MaskedValues}): a masked
     * attribute's stored value goes back into the loaded state, so that the flush writes the null, refused or
     * audited as any write of the attribute.
     */
    public static void clear(EntityManager em, Object entity, String attribute) {
        SessionImplementor session = em.unwrap(SessionImplementor.class);
        EventListenerRegistry registry = session.getFactory().getServiceRegistry()
                .getService(EventListenerRegistry.class);
        for (PreUpdateEventListener listener : registry.getEventListenerGroup(EventType.PRE_UPDATE).listeners()) {
            if (listener instanceof HibernateAdapter adapter && adapter.masks().clear(entity, attribute)) {
                EntityEntry entry = session.getPersistenceContextInternal().getEntry(entity);
                MaskedState masked = entry == null ? null : entry.getExtraState(MaskedState.class);
                if (masked != null) {
                    masked.clear(entry, entry.getPersister(), attribute);
                }
            }
        }
    }

    /**
     * Gives the stored value of {@code attribute}, which the application cleared on purpose, back to the entry's
     * loaded state, so that dirty checking sees the cleared mask as the change it is; the attribute is no longer
     * masked, and an update writes its null.
     */
    void clear(EntityEntry entry, EntityPersister persister, String attribute) {
        int index = Arrays.asList(persister.getPropertyNames()).indexOf(attribute);
        Object[] loaded = entry.getLoadedState();
        if (index >= 0 && loaded != null && originals.containsKey(attribute)) {
            loaded[index] = originals.remove(attribute);
        }
    }

    @Override
    public void addExtraState(EntityEntryExtraState extraState) {
        if (next == null) {
            next = extraState;
        } else {
            next.addExtraState(extraState);
        }
    }

    /**
     * The extra state of {@code type} further down the chain. Hibernate's convention (EntityEntryImpl,
     * EntityEntryExtraStateHolder) is that each link looks at its successor, not at itself, since the caller
     * checked this link already; answering with {@code this} would hide Hibernate's own state after it, such as
     * the deleted state of a removed entity (issue #8: removing a masked entity failed with a
     * NullPointerException).
     */
    @Override
    @SuppressWarnings("unchecked")
    public <T extends EntityEntryExtraState> T getExtraState(Class<T> type) {
        if (next == null) {
            return null;
        }
        return type.isInstance(next) ? (T) next : next.getExtraState(type);
    }
}
