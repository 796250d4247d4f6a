// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs a test once per cell of the provider x database matrix ({@link JpaUnit#matrix()}), with the cell as its
 * {@link JpaUnit} parameter; reports name the cell, for example {@code [eclipselink-postgresql]}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ParameterizedTest(name = "[{0}]")
@MethodSource("dev.custos.jpa.testing.JpaUnit#matrix")
public @interface ProviderMatrix {
}
