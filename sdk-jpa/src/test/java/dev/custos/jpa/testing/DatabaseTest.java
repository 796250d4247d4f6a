// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs a test once per configured database (see {@link TestDatabase}), with the database's name as the
 * display name ({@code [derby]}, {@code [postgresql]}). The test method takes the name as a String.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "[{0}]")
@MethodSource("dev.custos.jpa.testing.TestDatabase#configured")
public @interface DatabaseTest {
}
