// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.hibernate;

import dev.custos.core.CustosException;
import dev.custos.jpa.internal.AccessGuard;
import dev.custos.jpa.internal.JpaMessages;
import dev.custos.jpa.internal.SanitizedCause;
import dev.custos.jpa.internal.validation.ValidationListeners;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.engine.config.spi.ConfigurationService;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;

/** Keeps masked attributes out of the Bean Validation Hibernate runs on its lifecycle events. */
final class HibernateValidationMasks {

    private HibernateValidationMasks() {
    }

    /** Hibernate's lifecycle validation listener, present when the unit validates entities. */
    private static final String VALIDATION_LISTENER = "org.hibernate.boot.beanvalidation.BeanValidationEventListener";
    /** The settings a unit names its validator factory with, as Hibernate 7 reads them when there is no reference. */
    private static final List<String> FACTORY_SETTINGS =
            List.of("jakarta.persistence.validation.factory", "javax.persistence.validation.factory");

    /**
     * Keeps masked attributes out of Hibernate's Bean Validation on pre-insert, pre-update, pre-upsert and
     * pre-delete ({@link dev.custos.jpa.internal.validation.MaskAwareValidatorFactory}). One listener serves them
     * all. On Hibernate 6.6 it asks its factory (field {@code factory}) for a validator with its own resolver at
     * every event, and the factory is wrapped; on Hibernate 7 it made its validator (field {@code validator}) once,
     * with its resolver (field {@code traversableResolver}), from the unit's factory, and the validator is made
     * again from the wrapped factory.
     *
     * @throws CustosException {@code CUSTOS-04451} if the model masks attributes and the listener cannot be reached
     */
    static void hide(SessionFactoryImplementor factory, EventListenerRegistry registry, AccessGuard guard,
                     String unitName) {
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
                if (ValidationListeners.hasField(listener, "factory")) {
                    ValidationListeners.hideMasks(listener, "factory", null, guard.masks());
                } else {
                    ValidationListeners.remakeValidator(listener, "validator", "traversableResolver",
                            providedFactory(factory), guard.masks());
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                if (guard.masksAnything()) {
                    throw new CustosException(JpaMessages.validationNotMaskAware(unitName, SanitizedCause.describe(e)), e);
                }
            }
        }
    }

    /** The validator factory the unit was given, as Hibernate 7 looks for it; null if it made a default one. */
    private static Object providedFactory(SessionFactoryImplementor factory) {
        Object reference = factory.getSessionFactoryOptions().getValidatorFactoryReference();
        if (reference != null) {
            return reference;
        }
        Map<String, Object> settings = factory.getServiceRegistry().getService(ConfigurationService.class)
                .getSettings();
        return FACTORY_SETTINGS.stream().map(settings::get).filter(value -> value != null).findFirst().orElse(null);
    }
}
