// SPDX-License-Identifier: Apache-2.0
package dev.custos.it.batch;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import java.util.Map;
import java.util.Properties;

/**
 * BatchSweepIT's use of the JobOperator, apart so that the test class loads on the server without Jakarta Batch.
 * Waits are bounded only to fail instead of hanging: nothing asserts how long a job takes.
 */
final class JobWatch {

    private static final long GIVE_UP_MILLIS = 180_000;

    private JobWatch() {
    }

    static JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }

    static long start(String job, Map<String, String> parameters) {
        Properties properties = new Properties();
        properties.putAll(parameters);
        return operator().start(job, properties);
    }

    static long restart(long execution, Map<String, String> parameters) {
        Properties properties = new Properties();
        properties.putAll(parameters);
        return operator().restart(execution, properties);
    }

    /** The execution's batch status once it ended (COMPLETED, FAILED, STOPPED, ABANDONED). */
    static String awaitEnd(long execution) throws InterruptedException {
        long giveUp = System.currentTimeMillis() + GIVE_UP_MILLIS;
        while (true) {
            JobExecution state = operator().getJobExecution(execution);
            BatchStatus status = state.getBatchStatus();
            if (status == BatchStatus.COMPLETED || status == BatchStatus.FAILED || status == BatchStatus.STOPPED
                    || status == BatchStatus.ABANDONED) {
                return status.toString();
            }
            if (System.currentTimeMillis() > giveUp) {
                throw new AssertionError("job execution " + execution + " still " + status);
            }
            Thread.sleep(200);
        }
    }

    static String exitStatus(long execution) {
        return operator().getJobExecution(execution).getExitStatus();
    }

    /** The latest execution of the sweep job's instance {@code instanceId}. */
    static long latestExecution(long instanceId) {
        return operator().getJobInstances("custos-retention-sweep", 0, 100).stream()
                .filter(instance -> instance.getInstanceId() == instanceId)
                .flatMap(instance -> operator().getJobExecutions(instance).stream())
                .mapToLong(JobExecution::getExecutionId).max()
                .orElseThrow(() -> new AssertionError("no job instance " + instanceId));
    }
}
