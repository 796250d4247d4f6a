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

    private final ScheduledRun run = new ScheduledRun();
    private volatile List<AuditCheckpoints> signers = List.of();

    /** Scheduled after the units started, as the sweep is. */
    void schedule(@Observes @Priority(Interceptor.Priority.APPLICATION + 510)
                  @Initialized(ApplicationScoped.class) Object applicationStarted) {
        if (!run.firstStart()) {
            return;
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
        run.every(executor, this::signOnce, 0, interval);
    }

    @PreDestroy
    void stop() {
        run.cancel();
    }

    /** One run over every unit; a failure is logged, as anything escaping would cancel the schedule for good. */
    public void signOnce() {
        signers.forEach(AuditCheckpoints::signOrLog);
    }
}
