// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal.batch;

import jakarta.batch.api.partition.PartitionCollector;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/** Hands the counts of a partition's chunks, since the last hand-over, to {@link SweepAnalyzer}. */
@Named("custosSweepCollector")
public class SweepCollector implements PartitionCollector {

    @Inject
    Instance<StepContext> steps;

    @Override
    public Serializable collectPartitionData() {
        StepContext step = steps.get();
        long[] uncollected = Tally.of(step.getTransientUserData());
        step.setTransientUserData(Tally.empty());
        return uncollected;
    }
}
