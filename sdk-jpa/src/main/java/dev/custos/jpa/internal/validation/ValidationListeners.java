// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.validation;

import dev.custos.jpa.internal.MaskedAttributes;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.lang.reflect.Field;
import java.util.Map;

/**
 * Puts a {@link MaskAwareValidatorFactory} into a provider's lifecycle validation listener, in place of the
 * factory it was given, or (Hibernate 7, which asks for its validator once) a validator of that wrapped factory in
 * place of the listener's. Neither provider offers a way to choose the traversable resolver of its lifecycle
 * validation (each sets its own on the validators it asks for), so the listener's fields are the one place to step
 * in; the adapters name the field of each supported version and fail at start with {@code CUSTOS-04451}
 * when it is not there. Only touched once a listener was found, so an application without Bean Validation never
 * loads this class.
 */
public final class ValidationListeners {

    private ValidationListeners() {
    }

    /**
     * Wraps the factory in {@code listener}'s field {@code factoryField}, once, and empties the validators the
     * listener cached from the unwrapped factory in its map field {@code cacheField}, if named.
     *
     * @throws ReflectiveOperationException if the fields are not there, or do not hold what they should
     */
    public static void hideMasks(Object listener, String factoryField, String cacheField, MaskedAttributes masks)
            throws ReflectiveOperationException {
        Field field = field(listener, factoryField);
        Object factory = field.get(listener);
        if (factory instanceof MaskAwareValidatorFactory) {
            return;
        }
        if (!(factory instanceof ValidatorFactory validators)) {
            throw new NoSuchFieldException(factoryField + " holds no ValidatorFactory");
        }
        field.set(listener, new MaskAwareValidatorFactory(validators, masks));
        if (cacheField != null && field(listener, cacheField).get(listener) instanceof Map<?, ?> cache) {
            cache.clear();
        }
    }

    /** Whether {@code listener}'s class declares a field {@code name}. */
    public static boolean hasField(Object listener, String name) {
        for (Field field : listener.getClass().getDeclaredFields()) {
            if (field.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sets {@code listener}'s field {@code validatorField} to a validator of {@code factory} wrapped in a
     * {@link MaskAwareValidatorFactory}, with the resolver in its field {@code resolverField}: for a listener that
     * made its validator once, from the factory and that resolver. {@code factory} is the factory the listener was
     * made from, or null when it was the default factory, which is then built again alike (and kept open: the
     * validator uses it).
     *
     * @throws ReflectiveOperationException if the fields are not there, or do not hold what they should
     */
    public static void remakeValidator(Object listener, String validatorField, String resolverField, Object factory,
                                       MaskedAttributes masks) throws ReflectiveOperationException {
        Field validator = field(listener, validatorField);
        if (!(validator.get(listener) instanceof Validator)) {
            throw new NoSuchFieldException(validatorField + " holds no Validator");
        }
        if (!(field(listener, resolverField).get(listener) instanceof TraversableResolver resolver)) {
            throw new NoSuchFieldException(resolverField + " holds no TraversableResolver");
        }
        if (factory != null && !(factory instanceof ValidatorFactory)) {
            throw new NoSuchFieldException("the unit's validator factory is a " + factory.getClass().getName());
        }
        ValidatorFactory validators = factory == null ? Validation.buildDefaultValidatorFactory()
                : (ValidatorFactory) factory;
        validator.set(listener, new MaskAwareValidatorFactory(validators, masks).usingContext()
                .traversableResolver(resolver).getValidator());
    }

    private static Field field(Object owner, String name) throws NoSuchFieldException {
        Field field = owner.getClass().getDeclaredField(name);
        field.setAccessible(true); // also what lets a final field be set
        return field;
    }
}
