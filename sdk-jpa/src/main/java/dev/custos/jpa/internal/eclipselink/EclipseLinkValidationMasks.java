// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.eclipselink;

import dev.custos.core.CustosException;
import dev.custos.jpa.internal.AccessGuard;
import dev.custos.jpa.internal.JpaMessages;
import dev.custos.jpa.internal.SanitizedCause;
import dev.custos.jpa.internal.validation.ValidationListeners;
import java.lang.reflect.Field;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.descriptors.DescriptorEventManager;
import org.eclipse.persistence.sessions.server.ServerSession;

/** Keeps masked attributes out of the Bean Validation EclipseLink runs on its lifecycle events. */
final class EclipseLinkValidationMasks {

    private EclipseLinkValidationMasks() {
    }

    /** EclipseLink's lifecycle validation listener, present when the unit validates entities. */
    private static final String VALIDATION_LISTENER =
            "org.eclipse.persistence.internal.jpa.metadata.listeners.BeanValidationListener";

    /**
     * Keeps masked attributes out of EclipseLink's Bean Validation on pre-persist, pre-update and pre-remove
     * ({@link dev.custos.jpa.internal.validation.MaskAwareValidatorFactory}). EclipseLink adds one listener to
     * every descriptor as an internal listener (field {@code internalListeners} of the event manager); it holds the
     * factory in {@code validatorFactory} and caches a validator per descriptor in {@code validatorMap}.
     *
     * @throws CustosException {@code CUSTOS-04451} if the model masks attributes and the listener cannot be reached
     */
    static void hide(ServerSession session, AccessGuard guard, String unitName) {
        try {
            Field internal = DescriptorEventManager.class.getDeclaredField("internalListeners");
            internal.setAccessible(true);
            Set<Object> listeners = Collections.newSetFromMap(new IdentityHashMap<>());
            for (ClassDescriptor descriptor : session.getDescriptors().values()) {
                if (internal.get(descriptor.getEventManager()) instanceof List<?> list) {
                    list.stream().filter(l -> l.getClass().getName().equals(VALIDATION_LISTENER))
                            .forEach(listeners::add);
                }
            }
            for (Object listener : listeners) {
                ValidationListeners.hideMasks(listener, "validatorFactory", "validatorMap", guard.masks());
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (guard.masksAnything()) {
                throw new CustosException(JpaMessages.validationNotMaskAware(unitName, SanitizedCause.describe(e)), e);
            }
        }
    }
}
