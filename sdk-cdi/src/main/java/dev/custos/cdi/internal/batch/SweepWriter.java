// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal.batch;

import dev.custos.jpa.retention.SweepBatches;
import jakarta.batch.api.chunk.ItemWriter;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records what the chunk's batches did: the partition's running counts (persistent user data, saved with the
 * checkpoint, so a restart counts on), its exit status, the chunk's counts for the collector, and one line in the
 * job log per batch that failed or found the lease held elsewhere (the batch itself was committed or rolled back by
 * the reader). Nothing is written to the database here.
 */
@Named("custosSweepWriter")
public class SweepWriter implements ItemWriter {

    private static final Logger LOG = Logger.getLogger(SweepWriter.class.getName());

    @Inject
    Instance<StepContext> steps;

    @Override
    public void open(Serializable checkpoint) {
        // the counts live in the step's persistent user data, which the runtime restores with the checkpoint
    }

    @Override
    public void writeItems(List<Object> items) {
        StepContext step = steps.get();
        long[] chunk = Tally.empty();
        for (Object item : items) {
            SweepBatches.Batch batch = (SweepBatches.Batch) item;
            Tally.add(chunk, batch);
            batch.detail().ifPresent(detail -> LOG.log(batch.outcome() == SweepBatches.Outcome.FAILED
                    ? Level.WARNING : Level.INFO, detail.toString()));
        }
        long[] partition = Tally.of(step.getPersistentUserData());
        Tally.add(partition, chunk);
        step.setPersistentUserData(partition);
        step.setExitStatus(Tally.exitStatus(partition));
        long[] uncollected = Tally.of(step.getTransientUserData());
        Tally.add(uncollected, chunk);
        step.setTransientUserData(uncollected);
    }

    @Override
    public Serializable checkpointInfo() {
        return null;
    }

    @Override
    public void close() {
        // nothing held
    }
}
