// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal.batch;

import dev.custos.cdi.CustosUnits;
import dev.custos.cdi.internal.CdiMessages;
import dev.custos.core.CustosException;
import dev.custos.jpa.CustosRuntime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The sweep job's name, parameters and lease holder, and the way to start it. Links against no Jakarta Batch type
 * itself: {@link #available()} says whether the server provides it, and only then are the classes that do loaded.
 */
public final class SweepJob {

    /** The job XML's name, {@code META-INF/batch-jobs/custos-retention-sweep.xml}. */
    public static final String NAME = "custos-retention-sweep";
    /** Job parameter: the persistence unit to sweep; the only protected unit when not given. */
    public static final String UNIT = "unit";
    /** Job parameter: rows per batch (one transaction, one chunk item), 1 to 100000; default 1000. */
    public static final String BATCH_SIZE = "batchSize";

    /** Job parameter: how many entities are swept at once; default 1. */
    public static final String THREADS = "threads";

    private SweepJob() {
    }

    /** Whether Jakarta Batch is there to run the job: its API visible to Custos' classes. */
    public static boolean available() {
        try {
            Class.forName("jakarta.batch.runtime.BatchRuntime", false, SweepJob.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Starts the job for {@code unit}.
     *
     * @return the job execution's id
     * @throws CustosException {@code CUSTOS-05101} without Jakarta Batch
     */
    public static long start(String unit, int batchSize) {
        if (!available()) {
            throw new CustosException(CdiMessages.batchUnavailable(unit));
        }
        return JobStart.start(unit, batchSize);
    }

    /**
     * Executions of the job that ended in this application, as its listener saw them end: the latest
     * {@value #ENDS_KEPT}, enough for a scheduler that asks about the one it started last.
     */
    private static final Set<Long> ENDED = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                    return size() > ENDS_KEPT;
                }
            }));
    private static final int ENDS_KEPT = 1024;

    /**
     * Whether execution {@code executionId}, started by this application, has not ended yet. Told by the job's
     * listener, not asked of the job repository: Liberty answers that only to a caller in a batch admin or monitor
     * role, and the scheduled sweep has no caller.
     */
    public static boolean running(long executionId) {
        return !ENDED.contains(executionId);
    }

    /** Called by the job's listener when execution {@code executionId} ends, however it ends. */
    static void ended(long executionId) {
        ENDED.add(executionId);
    }

    /**
     * The lease holder of every execution of job instance {@code instanceId}: a restart takes the lease back at once,
     * another job instance waits for it.
     */
    static String holder(long instanceId) {
        return "custos-job-" + instanceId;
    }

    /** The unit a job parameter names, or the only protected unit for none. */
    static CustosRuntime runtime(CustosUnits units, String unit) {
        return unit == null || unit.isBlank() ? units.runtime() : units.runtime(unit);
    }

    /** A whole number from the job's properties, or {@code fallback} when blank. */
    static int integer(String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new CustosException(CdiMessages.invalidJobParameter(NAME, value));
        }
    }
}
