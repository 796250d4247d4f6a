// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal.batch;

import dev.custos.cdi.CustosUnits;
import dev.custos.cdi.event.DataErased;
import dev.custos.cdi.internal.CdiMessages;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.retention.SweepBatches;
import jakarta.batch.api.listener.JobListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.logging.Logger;

/**
 * When the job ends, however it ends: gives the sweep's lease up (a stopped or failed job would otherwise keep the
 * next sweep waiting until it expires; its restart takes it back under the same name), logs one summary line, sets
 * the job's exit status to the counts, and fires {@link DataErased} when anything was erased, as the scheduled
 * sweep does.
 */
@Named("custosSweepJobListener")
public class SweepJobListener implements JobListener {

    private static final Logger LOG = Logger.getLogger(SweepJobListener.class.getName());

    /** An instance, as the contexts below: a container without Custos' unit beans (a test's) must still deploy. */
    @Inject
    Instance<CustosUnits> units;

    @Inject
    Instance<JobContext> jobs;

    @Inject
    Event<DataErased> erased;

    @Override
    public void beforeJob() {
        // the lease is taken by every batch, in the partitions
    }

    @Override
    public void afterJob() {
        JobContext job = jobs.get();
        try {
            CustosRuntime runtime = SweepJob.runtime(units.get(), job.getProperties().getProperty(SweepJob.UNIT));
            new SweepBatches(runtime).release(SweepJob.holder(job.getInstanceId()));
            // set by the analyzer; none when the sweep step did not run (stopped or failed before it)
            long[] tally = Tally.of(job.getTransientUserData());
            String status = Tally.exitStatus(tally);
            String run = "job-" + job.getInstanceId() + "-" + job.getExecutionId();
            LOG.info(CdiMessages.sweepJobEnded(runtime.unitName(), run, status).toString());
            if (job.getExitStatus() == null) {
                job.setExitStatus(status);
            }
            if (Tally.erased(tally) > 0) {
                erased.fire(new DataErased(runtime.unitName(), "sweep", run, Tally.erased(tally),
                        runtime.clock().instant()));
            }
        } finally {
            SweepJob.ended(job.getExecutionId()); // last, and even after a failure: the scheduler may start the next
        }
    }
}
