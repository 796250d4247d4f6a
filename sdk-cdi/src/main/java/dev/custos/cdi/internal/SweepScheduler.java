// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal;

import dev.custos.cdi.CustosUnits;
import dev.custos.cdi.event.DataErased;
import dev.custos.cdi.event.RequestDeadlineNear;
import dev.custos.core.request.DataSubjectRequest;
import dev.custos.core.request.Deadline;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.CustosSetting;
import dev.custos.jpa.CustosSettings;
import dev.custos.jpa.access.Caller;
import dev.custos.jpa.access.ProcessingContext;
import dev.custos.jpa.request.Decisions;
import dev.custos.jpa.request.RequestExecutor;
import dev.custos.jpa.retention.AdoptionReport;
import dev.custos.jpa.retention.RetentionSweeper;
import dev.custos.jpa.retention.SweepOptions;
import dev.custos.jpa.retention.SweepReport;
import dev.custos.jpa.tx.Failures;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the retention sweep of every protected unit on the server's {@code ManagedScheduledExecutorService}, then
 * looks for data-subject requests whose deadline is near. The sweeper's lease keeps two servers sharing a
 * database from sweeping at once, so every node may schedule it; only the node that swept warns of deadlines,
 * at each run while a deadline is near (observers should not mind hearing it again), with the request's erasure
 * lines still waiting for a person's decision. On a database Custos never swept (an existing application's,
 * say), the scheduled sweep only reports, logging the adoption report, until an operator confirms with
 * {@code custos.sweep.confirmed=true}; the first confirmed sweep logs how many rows of each entity it erases.
 * Settings: the {@code custos.sweep.*} ones and {@code custos.requests.warn-before} of {@link CustosSetting}, read
 * once at deployment. Units where Custos is switched off are not swept, nor is anything logged about them.
 */
@ApplicationScoped
public class SweepScheduler {

    /** The default executor every Jakarta EE server provides. */
    static final String DEFAULT_EXECUTOR = "java:comp/DefaultManagedScheduledExecutorService";

    private static final Logger LOG = Logger.getLogger(SweepScheduler.class.getName());
    /** The system caller the sweep runs as, in the scheduled sweep and in the batch job. */
    public static final String SWEEPER = "custos-sweeper";

    @Inject
    CustosUnits units;

    @Inject
    CustosExtension extension;

    @Inject
    Event<DataErased> erased;

    @Inject
    Event<RequestDeadlineNear> deadlineNear;

    /** An executor bean of the application's, for servers or tests without the default one in JNDI. */
    @Inject
    Instance<ScheduledExecutorService> executorBeans;

    private final ScheduledRun run = new ScheduledRun();
    private SweepOptions options;
    private Duration warnBefore;
    private boolean confirmed;
    private boolean batchJob;
    /** Per unit, the batch job execution this node started last: no second one while it runs. */
    private final Map<String, Long> jobs = new java.util.concurrent.ConcurrentHashMap<>();
    /** The units known to have been swept: no need to ask their database again. */
    private final java.util.Set<String> swept = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Scheduled after {@link CustosUnits} started the units, which observes the same event at a lower priority. */
    void schedule(@Observes @jakarta.annotation.Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION + 500)
                  @Initialized(ApplicationScoped.class) Object applicationStarted) {
        if (!run.firstStart()) {
            return;
        }
        CustosSettings settings = extension.settings();
        options = SweepOptions.defaults().withBatchSize(settings.integer(CustosSetting.SWEEP_BATCH_SIZE))
                .withDryRun(settings.bool(CustosSetting.SWEEP_DRY_RUN));
        warnBefore = settings.duration(CustosSetting.REQUEST_WARNING);
        confirmed = settings.bool(CustosSetting.SWEEP_CONFIRMED);
        batchJob = settings.bool(CustosSetting.SWEEP_BATCH_JOB);
        Duration interval = settings.duration(CustosSetting.SWEEP_INTERVAL);
        Duration initialDelay = settings.duration(CustosSetting.SWEEP_INITIAL_DELAY);
        if (!settings.bool(CustosSetting.SWEEP_ENABLED) || protectedUnits().isEmpty()) {
            return; // nothing to sweep: units where Custos is switched off are left alone, without a line
        }
        ScheduledExecutorService executor = executor(executorBeans);
        if (executor == null) {
            LOG.warning(CdiMessages.noScheduler(DEFAULT_EXECUTOR).toString());
            return;
        }
        run.every(executor, this::runOnce, initialDelay.toMillis(), interval.toMillis());
    }

    @PreDestroy
    void stop() {
        run.cancel();
    }

    /**
     * One scheduled run over every unit. A failure is logged and the next run tries again: an exception escaping
     * would cancel the schedule for good.
     */
    public void runOnce() {
        for (CustosRuntime runtime : protectedUnits()) {
            try {
                if (!sweep(runtime)) {
                    continue; // another node holds the lease: it sweeps, and it warns of deadlines
                }
            } catch (Throwable e) { // NOPMD: anything escaping would cancel the schedule for good
                // without the throwable: a driver's message or stack trace may quote a row's personal data
                LOG.log(Level.SEVERE, CdiMessages.sweepFailed(runtime.unitName(), Failures.describe(e))
                        .toString());
            }
            try {
                warnOfDeadlines(runtime);
            } catch (Throwable e) { // NOPMD: as above
                LOG.log(Level.SEVERE, CdiMessages.deadlineCheckFailed(runtime.unitName(), Failures.describe(e))
                        .toString());
            }
        }
    }

    /**
     * Sweeps as Custos itself, then fires the event outside that scope: observers are the application's code and
     * must run as whoever they are, judged by the access policies.
     */
    private boolean sweep(CustosRuntime runtime) {
        SweepReport report;
        try (ProcessingContext.Scope scope = ProcessingContext.open("retention", Caller.system(SWEEPER))) {
            RetentionSweeper sweeper = new RetentionSweeper(runtime);
            if (!options.dryRun() && !firstSweepMayRun(runtime, sweeper)) {
                return true; // reported only: warn of deadlines all the same
            }
            if (batchJob && !options.dryRun()) {
                startJob(runtime);
                return true; // the job fires DataErased itself, when it ends
            }
            report = sweeper.sweep(options);
        }
        if (report.outcome() == SweepReport.Outcome.LEASE_HELD_ELSEWHERE) {
            return false;
        }
        if (report.erased() > 0 && !report.dryRun()) {
            erased.fire(new DataErased(runtime.unitName(), "sweep", report.runId(), report.erased(),
                    runtime.clock().instant()));
        }
        return true;
    }

    /**
     * Starts the batch job instead of sweeping here ({@code custos.sweep.batch-job}), unless the one this node
     * started last is still running; the job's lease keeps other nodes' jobs from sweeping at the same time.
     */
    private void startJob(CustosRuntime runtime) {
        Long last = jobs.get(runtime.unitName());
        if (last != null && dev.custos.cdi.internal.batch.SweepJob.running(last)) {
            LOG.info(CdiMessages.sweepJobStillRunning(runtime.unitName(), last.toString()).toString());
            return;
        }
        long execution = dev.custos.cdi.internal.batch.SweepJob.start(runtime.unitName(), options.batchSize());
        jobs.put(runtime.unitName(), execution);
        LOG.info(CdiMessages.sweepJobStarted(runtime.unitName(), Long.toString(execution)).toString());
    }

    /**
     * Whether the sweep may erase: always once the database was swept; before that, only when an operator
     * confirmed, and then after logging what the first sweep erases per entity. Unconfirmed, logs the adoption
     * report instead (entity names, rules and counts only).
     */
    private boolean firstSweepMayRun(CustosRuntime runtime, RetentionSweeper sweeper) {
        if (swept.contains(runtime.unitName()) || sweeper.everSwept()) {
            swept.add(runtime.unitName());
            return true;
        }
        AdoptionReport report = sweeper.adoptionReport();
        if (!confirmed) {
            LOG.warning(CdiMessages.firstSweepNotConfirmed(runtime.unitName(), Long.toString(report.due()),
                    Long.toString(report.undetermined())).toString());
            report.lines().forEach(line -> line.advice().forEach(advice -> LOG.warning(advice.toString())));
            return false;
        }
        report.lines().stream().filter(line -> line.due() > 0).forEach(line -> LOG.warning(
                CdiMessages.firstSweepErases(runtime.unitName(), line.entity(), Long.toString(line.due()),
                        line.ruleId()).toString()));
        return true;
    }

    private void warnOfDeadlines(CustosRuntime runtime) {
        Instant now = runtime.clock().instant();
        List<DataSubjectRequest> open;
        Map<String, Long> undecided;
        try (ProcessingContext.Scope scope = ProcessingContext.open("retention", Caller.system(SWEEPER))) {
            open = new RequestExecutor(runtime).openRequests();
            undecided = new Decisions(runtime).undecidedByRequest();
        }
        int near = 0;
        for (DataSubjectRequest request : open) {
            Deadline deadline = request.currentDeadline();
            if (deadline.left(now).compareTo(warnBefore) <= 0) {
                near++;
                long lines = undecided.getOrDefault(request.id(), 0L);
                if (lines > 0) {
                    // the request cannot complete before a person decides: say so where operators look
                    LOG.warning(CdiMessages.undecidedNearDeadline(runtime.unitName(), request.id(),
                            Long.toString(lines), deadline.expiresAt().toString()).toString());
                }
                deadlineNear.fire(new RequestDeadlineNear(runtime.unitName(), request.id(), request.type(),
                        deadline.expiresAt(), deadline.passed(now), lines));
            }
        }
        runtime.metrics().requestsCounted(runtime.unitName(), open.size(), near);
    }

    /** The units where Custos is on ({@code custos.enabled}). */
    private List<CustosRuntime> protectedUnits() {
        return units.all().stream().filter(CustosRuntime::enabled).toList();
    }

    /**
     * The server's managed executor first (it carries the application's context); one of {@code beans} only without
     * it; null when there is neither. The checkpoints' scheduler takes its executor here too.
     */
    static ScheduledExecutorService executor(Instance<ScheduledExecutorService> beans) {
        return Jndi.lookup(DEFAULT_EXECUTOR, ScheduledExecutorService.class)
                .orElseGet(() -> beans.isResolvable() ? beans.get() : null);
    }
}
