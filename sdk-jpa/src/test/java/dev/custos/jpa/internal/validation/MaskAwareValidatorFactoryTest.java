// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.jpa.internal.MaskedAttributes;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotEmpty;
import java.lang.annotation.ElementType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The validator factory Custos gives a provider's lifecycle validation, without a provider around it. */
class MaskAwareValidatorFactoryTest {

    /** An entity-like bean whose equality, as an application's entity may, ignores identity. */
    static final class Row {
        @NotEmpty
        String email;
        @NotEmpty
        String street;

        @Override
        public boolean equals(Object other) {
            return other instanceof Row;
        }

        @Override
        public int hashCode() {
            return 1;
        }
    }

    /** A provider's own resolver, as EclipseLink and Hibernate set one, counting its questions. */
    static final class ProviderResolver implements TraversableResolver {
        final AtomicInteger asked = new AtomicInteger();

        @Override
        public boolean isReachable(Object bean, Path.Node property, Class<?> root, Path path, ElementType type) {
            asked.incrementAndGet();
            return true;
        }

        @Override
        public boolean isCascadable(Object bean, Path.Node property, Class<?> root, Path path, ElementType type) {
            return true;
        }
    }

    private static List<String> paths(Set<? extends ConstraintViolation<?>> violations) {
        return violations.stream().map(v -> v.getPropertyPath().toString()).sorted().toList();
    }

    @Test
    void anAttributeIsNotValidatedWhileItHoldsTheMaskAndIsOnceTheApplicationSetsIt() {
        MaskedAttributes masks = new MaskedAttributes();
        try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
            ProviderResolver provider = new ProviderResolver();
            Validator validator = new MaskAwareValidatorFactory(factory, masks).usingContext()
                    .traversableResolver(provider).getValidator();
            Row masked = new Row();
            masks.record(masked, List.of("email"));

            assertThat(paths(validator.validate(masked))).containsExactly("street");
            assertThat(provider.asked).as("the provider's resolver still decides the rest").hasPositiveValue();

            masked.email = "";
            assertThat(paths(validator.validate(masked))).containsExactly("email", "street");

            Row equalButNotMasked = new Row();
            assertThat(equalButNotMasked).isEqualTo(masked);
            assertThat(paths(validator.validate(equalButNotMasked))).as("masks go by identity")
                    .containsExactly("email", "street");

            masked.email = null;
            masks.record(masked, List.of());
            assertThat(paths(validator.validate(masked))).as("read again without a mask")
                    .containsExactly("email", "street");
        }
    }

    /** A provider's listener, with the fields EclipseLink's has. */
    static final class Listener {
        private final ValidatorFactory validatorFactory;
        private final Map<Object, Validator> validatorMap = new HashMap<>();

        Listener(ValidatorFactory validatorFactory) {
            this.validatorFactory = validatorFactory;
            validatorMap.put("cached", validatorFactory.getValidator());
        }
    }

    @Test
    void aListenersFactoryIsWrappedOnceAndTheValidatorsItCachedAreDropped() throws Exception {
        MaskedAttributes masks = new MaskedAttributes();
        try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
            Listener listener = new Listener(factory);
            ValidationListeners.hideMasks(listener, "validatorFactory", "validatorMap", masks);
            ValidatorFactory wrapped = listener.validatorFactory;
            assertThat(wrapped).isInstanceOf(MaskAwareValidatorFactory.class);
            assertThat(listener.validatorMap).isEmpty();

            ValidationListeners.hideMasks(listener, "validatorFactory", "validatorMap", masks);
            assertThat(listener.validatorFactory).as("not wrapped twice").isSameAs(wrapped);

            // a provider version whose listener keeps its factory elsewhere: the adapters report CUSTOS-04451
            assertThatThrownBy(() -> ValidationListeners.hideMasks(listener, "factory", null, masks))
                    .isInstanceOf(NoSuchFieldException.class);
        }
    }
}
