// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.validation;

import dev.custos.jpa.internal.MaskedAttributes;
import jakarta.validation.ClockProvider;
import jakarta.validation.ConstraintValidatorFactory;
import jakarta.validation.MessageInterpolator;
import jakarta.validation.ParameterNameProvider;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorContext;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.valueextraction.ValueExtractor;

/**
 * The validator factory a provider validates entities with, wrapped so that every validator it hands out wraps
 * its traversable resolver in a {@link MaskedTraversableResolver}. Both EclipseLink and Hibernate ask the factory
 * for a validator with their own resolver ({@code usingContext().traversableResolver(...)}), which is where the
 * wrapper steps in; everything else is the application's factory, unchanged.
 * <p>
 * Why a resolver, not the stored values: restoring them into the entity around the provider's validation would
 * show them to a caller who may not read them whenever validation fails on another attribute (the entity keeps
 * them, and a violation of the masked attribute carries its value), and a stored value older than its constraint
 * would still fail every save. Nor can the mask be kept from the entity until the flush: the application reads
 * the entity's fields directly.
 */
public final class MaskAwareValidatorFactory implements ValidatorFactory {

    private final ValidatorFactory delegate;
    private final MaskedAttributes masks;

    public MaskAwareValidatorFactory(ValidatorFactory delegate, MaskedAttributes masks) {
        this.delegate = delegate;
        this.masks = masks;
    }

    @Override
    public Validator getValidator() {
        return usingContext().getValidator();
    }

    @Override
    public ValidatorContext usingContext() {
        return new Context(delegate.usingContext());
    }

    @Override
    public MessageInterpolator getMessageInterpolator() {
        return delegate.getMessageInterpolator();
    }

    @Override
    public TraversableResolver getTraversableResolver() {
        return delegate.getTraversableResolver();
    }

    @Override
    public ConstraintValidatorFactory getConstraintValidatorFactory() {
        return delegate.getConstraintValidatorFactory();
    }

    @Override
    public ParameterNameProvider getParameterNameProvider() {
        return delegate.getParameterNameProvider();
    }

    @Override
    public ClockProvider getClockProvider() {
        return delegate.getClockProvider();
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        return type.isInstance(this) ? type.cast(this) : delegate.unwrap(type);
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** The delegate's context, whose resolver (the factory's unless set) is always wrapped. */
    private final class Context implements ValidatorContext {
        private final ValidatorContext context;
        private boolean resolverSet;

        Context(ValidatorContext context) {
            this.context = context;
        }

        @Override
        public ValidatorContext messageInterpolator(MessageInterpolator interpolator) {
            context.messageInterpolator(interpolator);
            return this;
        }

        @Override
        public ValidatorContext traversableResolver(TraversableResolver resolver) {
            context.traversableResolver(new MaskedTraversableResolver(
                    resolver == null ? delegate.getTraversableResolver() : resolver, masks));
            resolverSet = true;
            return this;
        }

        @Override
        public ValidatorContext constraintValidatorFactory(ConstraintValidatorFactory factory) {
            context.constraintValidatorFactory(factory);
            return this;
        }

        @Override
        public ValidatorContext parameterNameProvider(ParameterNameProvider provider) {
            context.parameterNameProvider(provider);
            return this;
        }

        @Override
        public ValidatorContext clockProvider(ClockProvider provider) {
            context.clockProvider(provider);
            return this;
        }

        @Override
        public ValidatorContext addValueExtractor(ValueExtractor<?> extractor) {
            context.addValueExtractor(extractor);
            return this;
        }

        @Override
        public Validator getValidator() {
            if (!resolverSet) {
                traversableResolver(null);
            }
            return context.getValidator();
        }
    }
}
