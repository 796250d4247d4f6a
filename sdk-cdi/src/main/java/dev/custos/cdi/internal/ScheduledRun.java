// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The schedule of one of Custos' application-scoped schedulers (the sweep, the checkpoints, the audit trail's
 * partitions): taken at the application's start, once although an application of several modules may see that
 * event more than once, and cancelled when the bean is destroyed.
 */
final class ScheduledRun {

    private final AtomicBoolean started = new AtomicBoolean();
    private volatile ScheduledFuture<?> task;

    /** True for the first start event only. */
    boolean firstStart() {
        return started.compareAndSet(false, true);
    }

    void every(ScheduledExecutorService executor, Runnable run, long initialDelayMillis, long intervalMillis) {
        task = executor.scheduleWithFixedDelay(run, initialDelayMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    void cancel() {
        ScheduledFuture<?> scheduled = task;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }
}
