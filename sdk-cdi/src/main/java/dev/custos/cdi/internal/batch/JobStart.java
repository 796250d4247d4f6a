// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal.batch;

import dev.custos.cdi.internal.CdiMessages;
import dev.custos.core.CustosException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import java.util.Properties;

/** Starts the sweep job through the server's {@link JobOperator}; loaded only when Jakarta Batch is there. */
final class JobStart {

    private JobStart() {
    }

    static long start(String unit, int batchSize) {
        JobOperator operator = BatchRuntime.getJobOperator();
        if (operator == null) {
            // the API without a runtime behind it (Java SE with the Jakarta EE API on the class path)
            throw new CustosException(CdiMessages.batchUnavailable(unit));
        }
        Properties parameters = new Properties();
        parameters.setProperty(SweepJob.UNIT, unit);
        parameters.setProperty(SweepJob.BATCH_SIZE, Integer.toString(batchSize));
        return operator.start(SweepJob.NAME, parameters);
    }
}
