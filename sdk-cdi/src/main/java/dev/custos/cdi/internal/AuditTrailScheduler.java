// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal;

import dev.custos.cdi.CustosUnits;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.CustosSettings;
import dev.custos.jpa.audit.AuditPartitions;
import dev.custos.jpa.audit.AuditRetention;
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
import java.util.concurrent.TimeUnit;

/**
 * Looks after the audit trail of every protected unit on the server's {@code ManagedScheduledExecutorService}, once
 * a day from the application's start: creates the monthly partitions ahead on PostgreSQL ({@link AuditPartitions}),
 * and, where {@code custos.audit.retention} is set, drops the partitions that were exported with their signed cut
 * ({@link AuditRetention}; exporting stays the operator's call, see docs/operations.md). Failures are logged and
 * tried again the next day. Every node may run it: the database serialises the creators, and a partition is
 * dropped once.
 */
@ApplicationScoped
public class AuditTrailScheduler {

    /** Time between two runs: partitions are created three months ahead, so a day is plenty. */
    static final long INTERVAL_HOURS = 24;

    @Inject
    CustosUnits units;

    @Inject
    CustosExtension extension;

    /** An executor bean of the application's, for servers or tests without the default one in JNDI. */
    @Inject
    Instance<ScheduledExecutorService> executorBeans;

    private final ScheduledRun run = new ScheduledRun();
    private volatile List<AuditPartitions> partitions = List.of();
    private volatile List<AuditRetention> retentions = List.of();

    /** Scheduled after the units started, as the sweep is. */
    void schedule(@Observes @Priority(Interceptor.Priority.APPLICATION + 520)
                  @Initialized(ApplicationScoped.class) Object applicationStarted) {
        if (!run.firstStart()) {
            return;
        }
        CustosSettings settings = extension.settings();
        List<CustosRuntime> enabled = units.all().stream().filter(CustosRuntime::enabled).toList();
        partitions = enabled.stream().map(AuditPartitions::new).toList();
        retentions = enabled.stream().flatMap(runtime -> AuditRetention.configured(runtime, settings).stream())
                .toList();
        ScheduledExecutorService executor = SweepScheduler.executor(executorBeans);
        if (executor == null || partitions.isEmpty()) {
            return; // the sweep's scheduler says so (CUSTOS-05013); each unit created its partitions when it started
        }
        run.every(executor, this::runOnce, 0, TimeUnit.HOURS.toMillis(INTERVAL_HOURS));
    }

    @PreDestroy
    void stop() {
        run.cancel();
    }

    /** One run over every unit; a failure is logged, as anything escaping would cancel the schedule for good. */
    public void runOnce() {
        partitions.forEach(AuditPartitions::createAheadOrLog);
        retentions.forEach(AuditRetention::dropExportedOrLog);
    }
}
