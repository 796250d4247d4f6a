// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal.batch;

import jakarta.batch.api.partition.PartitionAnalyzer;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/**
 * Adds up the partitions' counts for this execution: the sweep step's exit status, and the job's transient user
 * data, which {@link SweepJobListener} reports when the job ends. Entities finished before a restart are not swept
 * again and not counted again.
 */
@Named("custosSweepAnalyzer")
public class SweepAnalyzer implements PartitionAnalyzer {

    @Inject
    Instance<JobContext> jobs;

    @Inject
    Instance<StepContext> steps;

    private final long[] total = Tally.empty();

    @Override
    public void analyzeCollectorData(Serializable data) {
        Tally.add(total, Tally.of(data));
        steps.get().setExitStatus(Tally.exitStatus(total));
        jobs.get().setTransientUserData(total.clone());
    }

    @Override
    public void analyzeStatus(BatchStatus batchStatus, String exitStatus) {
        // the counts arrive through the collector; a partition's own status is in the server's batch tools
    }
}
