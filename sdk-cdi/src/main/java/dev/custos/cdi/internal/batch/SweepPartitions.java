// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal.batch;

import dev.custos.cdi.CustosUnits;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.retention.SweepBatches;
import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Properties;

/**
 * One partition per annotated entity of the unit, in the sweep's order; each sweeps the entity's groups one after
 * the other. Entities run on up to {@code threads} threads at once (job parameter; default 1, as the direct
 * sweep does). Every
 * partition is told the unit, the batch size, its entity, the lease holder (the same for every execution of this
 * job instance) and the run id (this execution's) as partition-plan properties.
 */
@Named("custosSweepPartitions")
public class SweepPartitions implements PartitionMapper {

    /** An instance, as the contexts below: a container without Custos' unit beans (a test's) must still deploy. */
    @Inject
    Instance<CustosUnits> units;

    /** Instances, not fields of the types: a container without Jakarta Batch's beans must still deploy this one. */
    @Inject
    Instance<JobContext> jobs;

    @Override
    public PartitionPlan mapPartitions() {
        JobContext job = jobs.get();
        Properties parameters = job.getProperties();
        CustosRuntime runtime = SweepJob.runtime(units.get(), parameters.getProperty(SweepJob.UNIT));
        List<String> entities = new SweepBatches(runtime).groups().stream().map(SweepBatches.Group::entity)
                .distinct().toList();
        int batchSize = SweepJob.integer(parameters.getProperty(SweepJob.BATCH_SIZE), 1000);
        // a unit without annotated entities still gets one partition, which finds nothing: a plan needs one
        int partitions = Math.max(1, entities.size());
        Properties[] properties = new Properties[partitions];
        for (int i = 0; i < partitions; i++) {
            properties[i] = new Properties();
            properties[i].setProperty(Partition.UNIT, runtime.unitName());
            properties[i].setProperty(Partition.ENTITY, entities.isEmpty() ? "" : entities.get(i));
            properties[i].setProperty(Partition.BATCH_SIZE, Integer.toString(batchSize));
            properties[i].setProperty(Partition.HOLDER, SweepJob.holder(job.getInstanceId()));
            properties[i].setProperty(Partition.RUN, "job-" + job.getInstanceId() + "-" + job.getExecutionId());
        }
        PartitionPlanImpl plan = new PartitionPlanImpl();
        plan.setPartitions(partitions);
        // one at a time unless asked: partitions sweeping at once append to the same audit chain and subject keys,
        // and Derby resolves their lock waits as deadlocks (the batch is rolled back and left to the next run)
        plan.setThreads(Math.max(1, Math.min(partitions,
                SweepJob.integer(parameters.getProperty(SweepJob.THREADS), 1))));
        plan.setPartitionProperties(properties);
        return plan;
    }

    /** The names of the partition-plan properties, which the job XML passes to each partition's step. */
    static final class Partition {
        static final String UNIT = "unit";
        static final String ENTITY = "entity";
        static final String BATCH_SIZE = "batchSize";
        static final String HOLDER = "holder";
        static final String RUN = "run";

        private Partition() {
        }
    }
}
