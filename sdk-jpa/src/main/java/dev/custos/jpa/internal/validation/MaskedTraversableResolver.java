// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.validation;

import dev.custos.jpa.internal.MaskedAttributes;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import java.lang.annotation.ElementType;

/**
 * The provider's traversable resolver, which also holds a masked attribute unreachable while it holds the mask.
 * Bean Validation then checks no constraint of it: the mask is not the attribute's value and is never written,
 * so validating it (a null against {@code @NotEmpty}) would refuse a save that writes nothing wrong, and the
 * stored value stays as it was validated (or not) when it was written. This is what JPA's own resolver does
 * for an attribute that is not loaded. A value the application sets on a masked attribute is reachable again,
 * and validated.
 */
final class MaskedTraversableResolver implements TraversableResolver {

    private final TraversableResolver delegate;
    private final MaskedAttributes masks;

    MaskedTraversableResolver(TraversableResolver delegate, MaskedAttributes masks) {
        this.delegate = delegate;
        this.masks = masks;
    }

    @Override
    public boolean isReachable(Object traversableObject, Path.Node traversableProperty, Class<?> rootBeanType,
                               Path pathToTraversableObject, ElementType elementType) {
        if (traversableObject != null && traversableProperty.getName() != null
                && masks.stillMasked(traversableObject, traversableProperty.getName())) {
            return false;
        }
        return delegate == null || delegate.isReachable(traversableObject, traversableProperty, rootBeanType,
                pathToTraversableObject, elementType);
    }

    @Override
    public boolean isCascadable(Object traversableObject, Path.Node traversableProperty, Class<?> rootBeanType,
                                Path pathToTraversableObject, ElementType elementType) {
        return delegate == null || delegate.isCascadable(traversableObject, traversableProperty, rootBeanType,
                pathToTraversableObject, elementType);
    }
}
