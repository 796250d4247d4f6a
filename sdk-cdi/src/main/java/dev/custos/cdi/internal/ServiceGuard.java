// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds {@link ServiceGuardInterceptor} to a service: every method of the service is refused to a caller in a
 * read-only role unless it is marked {@link ChangesNothing}. Refusing is the default so that a new method cannot
 * forget the check.
 */
@InterceptorBinding
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ServiceGuard {
}
