// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link ServiceGuard guarded} service that only reads, so that callers in a read-only role
 * (setting {@code custos.roles.read-only}) may call it; every other method of the service is refused to them.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ChangesNothing {
}
