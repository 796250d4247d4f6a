// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.cdi.ProcessingPurpose;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Weld may deliver {@code ProcessAnnotatedType} events on several threads at once (concurrent deployment is its
 * default): the problems the extension collects from them must all arrive. Before, a plain list lost some or threw.
 */
class CustosExtensionConcurrencyTest {

    @ProcessingPurpose(" ")
    static class Blank {
    }

    private static final int THREADS = 16;
    private static final int EVENTS_PER_THREAD = 20_000;

    @Test
    void problemsFoundOnManyThreadsAtOnceAreEveryOneReported() throws Exception {
        CustosExtension extension = new CustosExtension();
        ProcessAnnotatedType<Blank> event = blankPurposeEvent();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> runs = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < EVENTS_PER_THREAD; i++) {
                        extension.purpose(event);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        AtomicInteger errors = new AtomicInteger();
        extension.validate(proxy(AfterBeanDiscovery.class, (p, method, args) -> {
            if (method.getName().equals("addDefinitionError")) {
                errors.incrementAndGet();
            }
            return null;
        }));
        assertThat(errors).hasValue(THREADS * EVENTS_PER_THREAD);
    }

    @SuppressWarnings("unchecked")
    private static ProcessAnnotatedType<Blank> blankPurposeEvent() {
        AnnotatedType<Blank> type = proxy(AnnotatedType.class, (p, method, args) -> switch (method.getName()) {
            case "isAnnotationPresent" -> Blank.class.isAnnotationPresent((Class<? extends Annotation>) args[0]);
            case "getAnnotation" -> Blank.class.getAnnotation((Class<? extends Annotation>) args[0]);
            case "getJavaClass" -> Blank.class;
            case "getMethods" -> Set.of();
            default -> throw new UnsupportedOperationException(method.getName());
        });
        return proxy(ProcessAnnotatedType.class, (p, method, args) -> {
            if (method.getName().equals("getAnnotatedType")) {
                return type;
            }
            throw new UnsupportedOperationException(method.getName());
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<?> type, java.lang.reflect.InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(CustosExtensionConcurrencyTest.class.getClassLoader(), new Class<?>[] {type},
                handler);
    }
}
