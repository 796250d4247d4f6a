// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal;

import dev.custos.cdi.CustosUnits;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.io.Serializable;
import java.lang.reflect.Method;

/**
 * The one place where Custos' services refuse a change to a caller in a read-only role (sdk-jpa's rule, {@code CUSTOS-04260}):
 * around every method of a {@link ServiceGuard} service but those marked {@link ChangesNothing}. It runs before
 * method validation, so that a read-only caller learns it may not call the method at all rather than what is
 * wrong with its arguments.
 */
@ServiceGuard
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 150)
public class ServiceGuardInterceptor implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    CustosUnits units;

    @AroundInvoke
    public Object refuseReadOnlyCallers(InvocationContext context) throws Exception {
        Method method = context.getMethod();
        if (!method.isAnnotationPresent(ChangesNothing.class)) {
            units.runtime().refuseReadOnlyCaller(
                    "call " + method.getDeclaringClass().getSimpleName() + "." + method.getName());
        }
        return context.proceed();
    }
}
