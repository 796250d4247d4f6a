// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.hibernate;

import dev.custos.core.CustosException;
import dev.custos.jpa.internal.AccessGuard;
import dev.custos.jpa.internal.JpaMessages;
import dev.custos.jpa.internal.validation.ValidationListeners;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;

/** Keeps masked attributes out of the Bean Validation Hibernate runs on its lifecycle events. */
final class HibernateValidationMasks {

    private HibernateValidationMasks() {
    }

    /** Hibernate's lifecycle validation listener, present when the unit validates entities. */
    private static final String VALIDATION_LISTENER = "org.hibernate.boot.beanvalidation.BeanValidationEventListener";

    /**
     * Keeps masked attributes out of Hibernate's Bean Validation on pre-insert, pre-update, pre-upsert and
     * pre-delete ({@link dev.custos.jpa.internal.validation.MaskAwareValidatorFactory}): one listener serves them
     * all, and asks its factory (field {@code factory}) for a validator with its own resolver at every event.
     *
     * @throws CustosException {@code CUSTOS-04451} if the model masks attributes and the listener cannot be reached
     */
    static void hide(EventListenerRegistry registry, AccessGuard guard, String unitName) {
        Set<Object> listeners = Collections.newSetFromMap(new IdentityHashMap<>());
        for (EventType<?> type : List.of(EventType.PRE_INSERT, EventType.PRE_UPDATE, EventType.PRE_UPSERT,
                EventType.PRE_DELETE)) {
            for (Object listener : registry.getEventListenerGroup(type).listeners()) {
                if (listener.getClass().getName().equals(VALIDATION_LISTENER)) {
                    listeners.add(listener);
                }
            }
        }
        for (Object listener : listeners) {
            try {
                ValidationListeners.hideMasks(listener, "factory", null, guard.masks());
            } catch (ReflectiveOperationException | RuntimeException e) {
                if (guard.masksAnything()) {
                    throw new CustosException(JpaMessages.validationNotMaskAware(unitName, String.valueOf(e)), e);
                }
            }
        }
    }
}
