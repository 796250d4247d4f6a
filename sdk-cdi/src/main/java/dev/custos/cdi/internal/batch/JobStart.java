// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal.batch;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import java.util.Properties;

/** Starts the sweep job through the server's {@link JobOperator}; loaded only when Jakarta Batch is there. */
final class JobStart {

    private JobStart() {
    }

    static long start(String unit, int batchSize) {
        Properties parameters = new Properties();
        parameters.setProperty(SweepJob.UNIT, unit);
        parameters.setProperty(SweepJob.BATCH_SIZE, Integer.toString(batchSize));
        return BatchRuntime.getJobOperator().start(SweepJob.NAME, parameters);
    }

    static boolean running(long executionId) {
        BatchStatus status = BatchRuntime.getJobOperator().getJobExecution(executionId).getBatchStatus();
        return status == BatchStatus.STARTING || status == BatchStatus.STARTED || status == BatchStatus.STOPPING;
    }
}
