// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.custos.cdi.internal.ChangesNothing;
import dev.custos.cdi.internal.ServiceGuard;
import dev.custos.cdi.testing.CdiClinic;
import dev.custos.cdi.testing.TestCallers;
import dev.custos.jpa.access.AccessRefusedException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * The read-only role check of the services lives in one interceptor, and refusing is its default: every public
 * method of a guarded service, but those marked {@link ChangesNothing}, is refused to a read-only caller, whatever
 * its arguments. A method added without a thought for the check is refused too, and this test calls it.
 */
class ServiceGuardTest {

    private static final List<Class<?>> GUARDED = List.of(ConsentService.class, RequestService.class,
            RetentionService.class);

    /** The methods a read-only caller may call; marking another one is a decision this list records. */
    private static final Set<String> READS = Set.of("ConsentService.check", "ConsentService.status",
            "RequestService.find", "RequestService.openRequests", "RequestService.exportAccess",
            "RequestService.exportPortable", "RequestService.undecided", "RequestService.decisions",
            "RetentionService.preview", "RetentionService.adoptionReport", "RetentionService.everSwept");

    @Test
    void everyServiceThatChangesStateIsGuardedAndOnlyTheListedMethodsAreReads() {
        Set<String> reads = new TreeSet<>();
        for (Class<?> service : GUARDED) {
            assertThat(service.isAnnotationPresent(ServiceGuard.class)).as(service.getSimpleName()).isTrue();
            for (Method method : publicMethods(service)) {
                if (method.isAnnotationPresent(ChangesNothing.class)) {
                    reads.add(service.getSimpleName() + "." + method.getName());
                }
            }
        }
        assertThat(reads).isEqualTo(new TreeSet<>(READS));
    }

    @Test
    void aReadOnlyCallerIsRefusedEveryOtherPublicMethodBeforeItsArgumentsAreLookedAt() {
        List<String> called = new ArrayList<>();
        try (WeldContainer container = CdiClinic.weld().initialize()) {
            container.select(TestCallers.class).get().set("inspector", "custos-auditor");
            for (Class<?> service : GUARDED) {
                Object bean = container.select(service).get();
                for (Method method : publicMethods(service)) {
                    if (method.isAnnotationPresent(ChangesNothing.class)) {
                        continue;
                    }
                    String name = service.getSimpleName() + "." + method.getName();
                    Throwable thrown = catchThrowable(() -> method.invoke(bean, nulls(method)));
                    Throwable cause = thrown instanceof InvocationTargetException e ? e.getCause() : thrown;
                    assertThat(cause).as(name).isInstanceOf(AccessRefusedException.class);
                    assertThat(((AccessRefusedException) cause).messageId()).as(name).isEqualTo("CUSTOS-04260");
                    assertThat(cause.getMessage()).as(name).contains("call " + name);
                    called.add(name);
                }
            }
        }
        assertThat(called).contains("RequestService.withdrawConsent", "RequestService.erase",
                "RequestService.decide", "ConsentService.give", "RetentionService.placeHold")
                .hasSizeGreaterThanOrEqualTo(14);
    }

    private static List<Method> publicMethods(Class<?> service) {
        List<Method> methods = new ArrayList<>();
        for (Method method : service.getDeclaredMethods()) {
            if (Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())
                    && !method.isSynthetic()) {
                methods.add(method);
            }
        }
        return methods;
    }

    private static Object[] nulls(Method method) {
        Object[] args = new Object[method.getParameterCount()];
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < args.length; i++) {
            args[i] = types[i] == int.class ? 1 : types[i] == long.class ? 1L : types[i] == boolean.class
                    ? Boolean.FALSE : null;
        }
        return args;
    }
}
