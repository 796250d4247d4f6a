// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi;

import dev.custos.cdi.internal.CdiMessages;
import dev.custos.cdi.internal.UnitStarter;
import dev.custos.core.CustosException;
import dev.custos.jpa.CustosRuntime;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.List;
import java.util.Map;

/**
 * The persistence units Custos protects in this application, started when the application starts. Inject it to
 * reach a unit's {@link CustosRuntime} and the sdk-jpa API behind the services (request executor, sweeper,
 * stores). An application with one unit never needs to name it.
 */
@ApplicationScoped
public class CustosUnits {

    @Inject
    UnitStarter starter;

    /** The unit chosen with {@link #use(String)} on this thread, innermost last. */
    private static final ThreadLocal<java.util.ArrayDeque<String>> SELECTED = ThreadLocal.withInitial(java.util.ArrayDeque::new);

    private volatile Map<String, CustosRuntime> runtimes;
    private final java.util.concurrent.atomic.AtomicBoolean starting = new java.util.concurrent.atomic.AtomicBoolean();

    /** Runs before the application's own observers of the same event, so they find Custos started. */
    void start(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class)
               Object applicationStarted) {
        if (starting.compareAndSet(false, true)) { // an application of several modules may see the event twice
            runtimes = starter.startAll();
        }
    }

    /**
     * The unit chosen with {@link #use(String)} on this thread, else the only protected unit. The services
     * ({@code ConsentService}, {@code RequestService}, {@code RetentionService}, {@code AuditService}) work on it.
     *
     * @throws CustosException {@code CUSTOS-05009} if there are several and none is chosen
     */
    public CustosRuntime runtime() {
        String selected = SELECTED.get().peekLast();
        if (selected != null) {
            return runtime(selected);
        }
        Map<String, CustosRuntime> started = started();
        if (started.size() != 1) {
            throw new CustosException(CdiMessages.unknownUnit("(unnamed)", String.join(", ", started.keySet())));
        }
        return started.values().iterator().next();
    }

    /** The protected unit {@code unit}. */
    public CustosRuntime runtime(String unit) {
        CustosRuntime runtime = started().get(unit);
        if (runtime == null) {
            throw new CustosException(CdiMessages.unknownUnit(unit, String.join(", ", started().keySet())));
        }
        return runtime;
    }

    /**
     * Makes {@code unit} the unit the services work on in this thread until the returned scope is closed, for an
     * application with several units: {@code try (var unit = units.use("danish")) { consents.give(...); }}.
     * Scopes nest; closing one restores the unit chosen before it.
     *
     * @throws CustosException {@code CUSTOS-05009} if no such unit is protected
     */
    public UnitScope use(String unit) {
        runtime(unit);
        java.util.ArrayDeque<String> stack = SELECTED.get();
        stack.addLast(unit);
        return () -> {
            stack.removeLastOccurrence(unit);
            if (stack.isEmpty()) {
                SELECTED.remove();
            }
        };
    }

    /** The scope of {@link #use(String)}; closing it does not throw. */
    @FunctionalInterface
    public interface UnitScope extends AutoCloseable {
        @Override
        void close();
    }

    /** All protected units, in the order they were declared. */
    public List<CustosRuntime> all() {
        return List.copyOf(started().values());
    }

    private Map<String, CustosRuntime> started() {
        Map<String, CustosRuntime> started = runtimes;
        if (started == null) {
            throw new CustosException(CdiMessages.notStarted("(any)"));
        }
        return started;
    }
}
