// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal.batch;

import dev.custos.cdi.CustosUnits;
import dev.custos.cdi.internal.SweepScheduler;
import dev.custos.jpa.access.Caller;
import dev.custos.jpa.access.ProcessingContext;
import dev.custos.jpa.retention.SweepBatches;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Optional;

/**
 * The job's last step, as the end of the direct sweep: destroys the pseudonym keys whose audit identity ran out, in
 * batches of their own, under the job's lease. Its exit status counts them.
 */
@Named("custosSweepAuditKeys")
public class AuditKeysBatchlet extends AbstractBatchlet {

    /** An instance, as the contexts below: a container without Custos' unit beans (a test's) must still deploy. */
    @Inject
    Instance<CustosUnits> units;

    @Inject
    Instance<JobContext> jobs;

    @Override
    public String process() {
        JobContext job = jobs.get();
        SweepBatches batches = new SweepBatches(SweepJob.runtime(units.get(),
                job.getProperties().getProperty(SweepJob.UNIT)));
        int batchSize = SweepJob.integer(job.getProperties().getProperty(SweepJob.BATCH_SIZE), 1000);
        Optional<Long> destroyed;
        try (ProcessingContext.Scope scope = ProcessingContext.open("retention",
                Caller.system(SweepScheduler.SWEEPER))) {
            destroyed = batches.destroyExpiredAuditKeys(batchSize, SweepJob.holder(job.getInstanceId()));
        }
        return destroyed.map(count -> "COMPLETED auditKeysDestroyed=" + count).orElse("LEASE_HELD_ELSEWHERE");
    }
}
