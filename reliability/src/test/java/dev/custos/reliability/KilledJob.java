// SPDX-License-Identifier: Apache-2.0
package dev.custos.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;

/**
 * ThreeServersTest's batch variant after the kill: the sweep job's execution the dead server ran (the job instance
 * holding the lease), its recovery when that server starts again and its restart through Liberty's batch REST API.
 */
final class KilledJob {

    /** The unit whose tables the test seeds and the batch size the scheduler gives the job (ThreeServersTest). */
    private static final String UNIT = "danish";
    private static final int BATCH_SIZE = 100;

    private final long instance;
    private final ClinicBatch.Execution atKill;
    private final String victim;
    private ClinicBatch.Execution recovered;
    private ClinicBatch.Execution restarted;
    private List<ClinicBatch.Execution> executions;

    private KilledJob(long instance, ClinicBatch.Execution atKill, String victim) {
        this.instance = instance;
        this.atKill = atKill;
        this.victim = victim;
    }

    /** The execution of the job instance holding the lease {@code holder}, as the kill left it. */
    static KilledJob of(Connection c, String holder, ClinicServer victim) throws Exception {
        long instance = ClinicBatch.instanceOf(holder);
        ClinicBatch.Execution execution = ClinicBatch.latest(c, instance);
        System.out.println("killed job execution " + execution);
        return new KilledJob(instance, execution, victim.name);
    }

    /**
     * Once the dead server, started again after the kill, is up (Liberty marks its in-flight executions FAILED once
     * its job repository is used: its scheduler starts the job within seconds), moves its demo clock a day on when
     * the survivors' were ({@code sameClock}), so that it sees their leases as they do; then restarts the killed
     * execution as the operator and waits for the restart to end.
     */
    void restart(Connection c, ClinicServer server, boolean sameClock) throws Exception {
        long started = System.nanoTime();
        server.awaitReady(Duration.ofMinutes(10));
        if (sameClock) {
            HttpResponse<String> moved = ClinicServer.http().send(HttpRequest.newBuilder(
                    server.base.resolve("api/demo/clock")).header("Authorization", ClinicLoad.AUTH)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"period\":\"P1D\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        }
        recovered = ClinicBatch.await(c, instance, "FAILED", Duration.ofMinutes(2));
        System.out.println(server.name + " up again " + (System.nanoTime() - started) / 1_000_000_000
                + " s after the load ended, its job execution " + recovered);
        if (recovered.status().equals("FAILED")) {
            ClinicBatch.restart(server, instance, UNIT, BATCH_SIZE);
            restarted = ClinicBatch.awaitNextEnd(c, instance, recovered, Duration.ofMinutes(5));
            System.out.println("restarted as " + restarted);
        }
        executions = ClinicBatch.executions(c);
        System.out.println("job executions per server " + ClinicBatch.perServer(executions) + ", ended "
                + executions.stream().filter(ClinicBatch.Execution::ended).count() + " of " + executions.size()
                + ", nothing swept (lease held elsewhere) in " + executions.stream()
                .filter(e -> e.exitStatus() != null && e.exitStatus().startsWith("LEASE_HELD_ELSEWHERE")).count());
    }

    /** What the batch variant asserts beyond the clinic's figures. */
    void check(List<ClinicServer> servers) throws IOException {
        for (ClinicServer server : servers) {
            // CUSTOS-05010: a scheduled run failed, such as the start of the job or the read of its last state
            assertThat(server.console()).as("%s's console", server.name).doesNotContain("CUSTOS-05010");
        }
        assertThat(atKill.server()).as("the killed execution's server").isNotNull().endsWith("/" + victim);
        assertThat(atKill.status()).as("the killed execution at the kill").isIn("STARTING", "STARTED");
        assertThat(recovered.status()).as("the killed execution once its server started again").isEqualTo("FAILED");
        assertThat(restarted).as("the restart of job instance %d, ended", instance).isNotNull();
        assertThat(restarted.status()).as("the restart, exit status %s", restarted.exitStatus())
                .isEqualTo("COMPLETED");
        assertThat(ClinicBatch.perServer(executions).keySet()).as("servers that started the job")
                .containsExactlyInAnyOrderElementsOf(servers.stream().map(s -> s.name).toList());
        assertThat(executions).as("failed executions, all the dead server's")
                .filteredOn(e -> e.status().equals("FAILED"))
                .allMatch(e -> e.server() != null && e.server().endsWith("/" + victim));
    }
}
