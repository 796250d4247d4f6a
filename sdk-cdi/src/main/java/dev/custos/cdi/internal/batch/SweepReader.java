// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal.batch;

import dev.custos.cdi.CustosUnits;
import dev.custos.cdi.internal.CdiMessages;
import dev.custos.cdi.internal.SweepScheduler;
import dev.custos.jpa.access.Caller;
import dev.custos.jpa.access.ProcessingContext;
import dev.custos.jpa.retention.SweepBatches;
import jakarta.batch.api.chunk.ItemReader;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * Sweeps one entity (one partition), one batch per item: each read sweeps the next batch through sdk-jpa's
 * {@link SweepBatches} (read, decide, erase, log and audit in a transaction of its own, under the sweep's lease)
 * and returns what it did. The erasure cannot wait for the writer: the batch decides its rows again under the lock
 * it erases them under, in one transaction. The checkpoint is the group being swept and the last key swept in it;
 * a restart goes on after that key. A batch erased after the last checkpoint is read again on restart and finds
 * its rows erased or logged, so nothing is erased or audited twice.
 */
@Named("custosSweepReader")
public class SweepReader implements ItemReader {

    private static final Logger LOG = Logger.getLogger(SweepReader.class.getName());
    private static final String GROUP = "group";
    private static final String AFTER = "after";
    private static final String BATCH = "batch";

    /** An instance, as the contexts below: a container without Custos' unit beans (a test's) must still deploy. */
    @Inject
    Instance<CustosUnits> units;

    @Inject
    Instance<StepContext> steps;

    private SweepBatches batches;
    private List<SweepBatches.Group> groups;
    private String unit;
    private String holder;
    private String run;
    private int batchSize;
    private int current;
    private Object after;
    private int batch;

    @Override
    public void open(Serializable checkpoint) {
        Properties partition = steps.get().getProperties();
        unit = partition.getProperty(SweepPartitions.Partition.UNIT);
        String entity = partition.getProperty(SweepPartitions.Partition.ENTITY);
        holder = partition.getProperty(SweepPartitions.Partition.HOLDER);
        run = partition.getProperty(SweepPartitions.Partition.RUN);
        batchSize = SweepJob.integer(partition.getProperty(SweepPartitions.Partition.BATCH_SIZE), 1000);
        batches = new SweepBatches(SweepJob.runtime(units.get(), unit));
        groups = batches.groups().stream().filter(g -> g.entity().equals(entity)).toList();
        if (checkpoint instanceof Map<?, ?> position && position.get(GROUP) instanceof String id) {
            current = indexOf(id);
            if (current < 0) {
                // the deployment changed since: sweep the entity from its start; logged rows are not erased again
                LOG.warning(CdiMessages.sweepJobPositionLost(unit, entity, id).toString());
                current = 0;
            } else {
                after = position.get(AFTER);
                batch = position.get(BATCH) instanceof Integer number ? number : 0;
            }
        }
    }

    private int indexOf(String groupId) {
        if (groupId.isEmpty()) {
            return groups.size(); // the entity was done
        }
        for (int i = 0; i < groups.size(); i++) {
            if (groups.get(i).id().equals(groupId)) {
                return i;
            }
        }
        return -1;
    }

    /** The next batch swept, or null when the entity is done (or the lease is held by another job or node). */
    @Override
    public Object readItem() {
        if (current >= groups.size()) {
            return null;
        }
        SweepBatches.Group group = groups.get(current);
        SweepBatches.Batch swept;
        try (ProcessingContext.Scope scope = ProcessingContext.open("retention",
                Caller.system(SweepScheduler.SWEEPER))) {
            swept = batches.sweep(group, after, ++batch, batchSize, run, holder);
        }
        if (swept.outcome() == SweepBatches.Outcome.LEASE_HELD_ELSEWHERE) {
            current = groups.size(); // erase nothing: the lease holder sweeps
        } else if (swept.groupDone()) {
            current++;
            after = null;
            batch = 0;
        } else {
            after = swept.lastKey();
        }
        return swept;
    }

    /** The group being swept and the last key swept in it; JDK types only, read back on restart. */
    @Override
    public Serializable checkpointInfo() {
        HashMap<String, Serializable> position = new HashMap<>();
        position.put(GROUP, current < groups.size() ? groups.get(current).id() : "");
        // a key that cannot be saved restarts its group from the start: slower, never wrong
        position.put(AFTER, after instanceof Serializable key ? key : null);
        position.put(BATCH, batch);
        return position;
    }

    @Override
    public void close() {
        // nothing held between reads: every batch committed or rolled back in its own transaction
    }
}
