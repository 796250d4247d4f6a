// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal;

import dev.custos.cdi.CustosUnits;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.CustosSetting;
import dev.custos.jpa.CustosSettings;
import dev.custos.jpa.audit.AuditCheckpoints;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Signs the chains' checkpoints of every protected unit ({@link AuditCheckpoints}) on the server's
 * {@code ManagedScheduledExecutorService}, every {@code custos.checkpoint.interval}, when the server setting
 * {@code custos.checkpoint.signing-key} names the operator's key. A key that cannot be read stops the deployment
 * ({@code CUSTOS-04491}); a signing that fails is logged ({@code CUSTOS-04492}) and tried again at the next run;
 * without a scheduler nothing is signed (the sweep's scheduler logs {@code CUSTOS-05013}). Every node may sign: a head
 * already signed is not signed again.
 */
@ApplicationScoped
public class CheckpointScheduler {

    @Inject
    CustosUnits units;

    @Inject
    CustosExtension extension;

    /** An executor bean of the application's, for servers or tests without the default one in JNDI. */
    @Inject
    Instance<ScheduledExecutorService> executorBeans;

    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile List<AuditCheckpoints> signers = List.of();
    private volatile ScheduledFuture<?> task;

    /** Scheduled after the units started, as the sweep is. */
    void schedule(@Observes @Priority(Interceptor.Priority.APPLICATION + 510)
                  @Initialized(ApplicationScoped.class) Object applicationStarted) {
        if (!scheduled.compareAndSet(false, true)) {
            return; // an application of several modules may see the event more than once
        }
        CustosSettings settings = extension.settings();
        signers = units.all().stream().filter(CustosRuntime::enabled)
                .flatMap(runtime -> AuditCheckpoints.configured(runtime, settings).stream()).toList();
        if (signers.isEmpty()) {
            return;
        }
        ScheduledExecutorService executor = SweepScheduler.executor(executorBeans);
        if (executor == null) {
            return; // the sweep's scheduler says so (CUSTOS-05013); the application may call AuditCheckpoints itself
        }
        long interval = settings.duration(CustosSetting.CHECKPOINT_INTERVAL).toMillis();
        task = executor.scheduleWithFixedDelay(this::signOnce, 0, interval, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        ScheduledFuture<?> scheduled = task;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }

    /** One run over every unit; a failure is logged, as anything escaping would cancel the schedule for good. */
    public void signOnce() {
        signers.forEach(AuditCheckpoints::signOrLog);
    }
}
