// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal;

import dev.custos.cdi.ProcessingPurpose;
import dev.custos.jpa.access.ProcessingContext;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.io.Serializable;
import java.lang.reflect.Method;

/**
 * Opens a {@link ProcessingContext} scope with the purpose of {@link ProcessingPurpose} around each call. It
 * runs before {@code @Transactional} (priority 200) so that the scope is still open when the transaction
 * commits and flushes: the write audit then records the purpose.
 */
@ProcessingPurpose("")
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class ProcessingPurposeInterceptor implements Serializable {

    private static final long serialVersionUID = 1L;

    @AroundInvoke
    public Object aroundInvoke(InvocationContext context) throws Exception {
        try (ProcessingContext.Scope scope = ProcessingContext.open(purposeOf(context))) {
            return context.proceed();
        }
    }

    static String purposeOf(InvocationContext context) {
        Method method = context.getMethod();
        ProcessingPurpose annotation = method.getAnnotation(ProcessingPurpose.class);
        if (annotation == null) {
            annotation = declaredOnType(context.getTarget().getClass());
        }
        if (annotation == null) {
            annotation = declaredOnType(method.getDeclaringClass());
        }
        if (annotation == null || annotation.value().isBlank()) {
            // The extension rejects blank purposes at deployment; reaching this means a binding it could not see.
            throw new IllegalStateException(CdiMessages.purposeNotFound(method.toString()).toString());
        }
        return annotation.value();
    }

    private static ProcessingPurpose declaredOnType(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            ProcessingPurpose found = c.getAnnotation(ProcessingPurpose.class);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
