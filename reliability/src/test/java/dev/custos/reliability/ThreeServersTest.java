// SPDX-License-Identifier: Apache-2.0
package dev.custos.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Issue 22: three Open Liberty servers run the sample clinic against one PostgreSQL database, each with the scheduled
 * retention sweep (every 2 seconds; Custos' sweep lease lets one sweep at a time), while {@link ClinicLoad} sends
 * consents, reads, writes and withdrawals through the clinic's HTTP API. Once the sweep of the seeded clients
 * ({@link ClinicRows}) has committed a batch, the server whose batch is open in PostgreSQL is found (its backend's
 * client port, among the sockets of each server's JVM) and its JVM killed with SIGKILL. The dead server's lease
 * stays for its time to live (5 minutes): the full run waits it out with the load going on; the reduced run pauses
 * the load and moves the two survivors' demo clocks a day on instead (the clinic's demo API, which also sweeps), so
 * that they take the lease over at once. When nothing due is left and the rounds are done, the servers are stopped
 * and {@link ClinicFigures} reads the database. A second test does the same with the sweep as the batch job
 * ({@link KilledJob}, {@link ClinicBatch}). Runs with {@code -Pthree-servers} or {@code -Preliability}, which
 * install Liberty and copy the clinic's WAR; fails when PostgreSQL is down.
 */
@EnabledIfSystemProperty(named = "custos.reliability.servers.skip", matches = "false",
        disabledReason = "needs Liberty and the clinic's WAR: run with -Pthree-servers or -Preliability")
class ThreeServersTest {

    private static final int SERVERS = 3;
    private static final int WORKERS = 4;
    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/";
    private static final Map<String, String> SETTINGS = Map.of("custos.sweep.interval", "PT2S",
            "custos.sweep.initial-delay", "PT2S", "custos.sweep.batch-size", "100");

    private final int clients = Sizes.of("servers.clients", 1000);
    private final int rounds = Sizes.of("servers.rounds", 150);
    private final boolean waitForLease = Sizes.flag("servers.wait-lease");
    private final long seed = Long.getLong("custos.reliability.seed", System.nanoTime());

    @Test
    void threeServersEraseOnceAndNeverDiscloseAfterAWithdrawal() throws Exception {
        run(false);
    }

    /**
     * The same with the sweep as the batch job ({@code custos.sweep.batch-job=true} and Jakarta Batch on each server,
     * one job repository in the database): all three schedulers start the job, the lease lets one execution sweep at
     * a time, and the killed one is the execution whose chunk had a batch open. Afterwards the dead server starts
     * again (same server, so Liberty marks its execution FAILED), the test restarts that execution through Liberty's
     * batch REST API, and the restart must complete.
     */
    @Test
    void threeServersRunningTheSweepJobEraseOnceAndRestartTheKilledJob() throws Exception {
        run(true);
    }

    private void run(boolean batchJob) throws Exception {
        String database = "custos_three_" + Long.toHexString(System.nanoTime());
        Path dir = Path.of(System.getProperty("custos.reliability.servers.dir"));
        Path wlp = Path.of(System.getProperty("custos.reliability.servers.wlp"));
        Path jdbc = Files.createDirectories(dir.resolve("jdbc"));
        Files.copy(Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                jdbc.resolve("postgresql.jar"), StandardCopyOption.REPLACE_EXISTING);
        admin("CREATE DATABASE " + database);
        if (batchJob) {
            try (Connection c = connect(database)) {
                ClinicBatch.createSchema(c);
            }
        }
        Map<String, String> settings = new HashMap<>(SETTINGS);
        settings.put("custos.sweep.batch-job", Boolean.toString(batchJob));
        if (batchJob) {
            // a job per unit and server every 2 seconds, each with a partition per entity, starved the two cores
            settings.put("custos.sweep.interval", "PT5S");
        }
        List<ClinicServer> servers = new ArrayList<>();
        ClinicLoad load = null;
        try {
            for (int i = 1; i <= SERVERS; i++) {
                servers.add(ClinicServer.create(wlp, "clinic-three-" + (batchJob ? "job-" : "") + i,
                        dir.resolve("clinic.war"), jdbc, database, settings, batchJob ? ClinicBatch.CONFIG : null));
            }
            // the first alone: it creates the schemas and tables and stores the demo data, which the others find;
            // with the job, also the job repository's tables (its first job creates them)
            long started = System.nanoTime();
            servers.get(0).start();
            servers.get(0).awaitReady(Duration.ofMinutes(10));
            if (batchJob) {
                try (Connection c = connect(database)) {
                    ClinicBatch.awaitRepository(c, Duration.ofMinutes(2));
                }
            }
            servers.get(1).start();
            servers.get(2).start();
            servers.get(1).awaitReady(Duration.ofMinutes(10));
            servers.get(2).awaitReady(Duration.ofMinutes(10));
            System.out.println("three servers up after " + (System.nanoTime() - started) / 1_000_000_000 + " s");
            try (Connection c = connect(database)) {
                c.setAutoCommit(false);
                ClinicRows.seed(c, clients, Instant.now());
                c.commit();
                c.setAutoCommit(true);
                long due = remaining(c);
                load = new ClinicLoad(servers.stream().map(s -> s.base).toList(), ClinicRows.live(clients), WORKERS,
                        seed);
                load.start();

                int victim = sweepingServer(c, servers, due);
                long erasedAtKill = due - remaining(c);
                int exit = servers.get(victim).kill();
                load.down(victim);
                Optional<String> lease = heldLease(c);
                System.out.println("killed " + servers.get(victim).name + " (exit " + exit + ") in a batch of its"
                        + " sweep, " + erasedAtKill + " of " + due + " due rows erased, lease " + lease);
                assertThat(exit).as("killed by SIGKILL (128 + 9)").isEqualTo(137);
                assertThat(lease).as("the dead server's lease, still running").isPresent();
                KilledJob killed = batchJob ? KilledJob.of(c, lease.get(), servers.get(victim)) : null;
                if (killed != null) {
                    servers.get(victim).start(); // up again meanwhile; the load stays away from it
                }
                List<CompletableFuture<HttpResponse<String>>> moves = waitForLease ? List.of()
                        : moveClocks(load, servers, victim);

                long until = System.nanoTime() + Duration.ofMinutes(waitForLease ? 20 : 10).toNanos();
                while (System.nanoTime() < until && (load.rounds() < rounds || remaining(c) > 0)) {
                    Thread.sleep(500);
                }
                ClinicLoad.Tally tally = load.stop();
                for (CompletableFuture<HttpResponse<String>> move : moves) {
                    assertThat(move.get().statusCode()).as(move.get().body()).isEqualTo(200);
                }
                if (killed != null) {
                    killed.restart(c, servers.get(victim), !waitForLease);
                }
                for (ClinicServer server : servers) {
                    server.close();
                }
                ClinicFigures figures = ClinicFigures.of(c);
                Sizes.result(figures.result(SERVERS));
                System.out.println("three servers" + (batchJob ? " with the sweep job" : "") + " (seed " + seed
                        + "): " + figures + ", load " + tally);
                assertThat(List.of(figures.doubles(), figures.missed(), figures.readsAfterWithdrawal(),
                        figures.brokenChains())).as(figures.result(SERVERS)).containsOnly(0L);
                assertThat(figures.wrong()).as("rows erased that were not due").isZero();
                assertThat(figures.due()).as("due rows").isEqualTo(ClinicRows.dueRows(clients));
                assertThat(tally.unexpected()).as("unexpected answers: %s", tally.samples()).isEmpty();
                assertThat(tally.rounds()).as("rounds of load").isGreaterThanOrEqualTo(rounds);
                assertThat(figures.withdrawals()).as("withdrawals in the ledger").isGreaterThanOrEqualTo(rounds);
                if (killed != null) {
                    killed.check(servers);
                }
            }
        } finally {
            if (load != null) {
                load.close();
            }
            for (ClinicServer server : servers) {
                server.close();
            }
            if (!Sizes.flag("servers.keep")) {
                admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    /**
     * Waits until a batch of the sweep is open while committed ones erased rows and due ones are left: a backend
     * holding the row locks of the sweep's candidates ({@code FOR UPDATE} on the clinic's tables) or the erasure
     * log's insert lock. Returns the index of the server whose JVM holds that backend's socket.
     */
    private static int sweepingServer(Connection c, List<ClinicServer> servers, long due) throws Exception {
        long until = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < until) {
            long left = remaining(c);
            if (left < due && left > 0) {
                for (int port : sweepingPorts(c)) {
                    long socket = ClinicServer.socketToPostgres(port);
                    for (int i = 0; i < servers.size(); i++) {
                        if (socket >= 0 && servers.get(i).sockets().contains(socket)) {
                            return i;
                        }
                    }
                }
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("no sweep seen erasing within 5 minutes; " + remaining(c) + " due left");
    }

    private static List<Integer> sweepingPorts(Connection c) throws SQLException {
        List<Integer> ports = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT DISTINCT a.client_port"
                + " FROM pg_locks l JOIN pg_class r ON r.oid = l.relation"
                + " JOIN pg_namespace n ON n.oid = r.relnamespace JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE n.nspname = '" + ClinicRows.SCHEMA + "' AND l.granted AND a.pid <> pg_backend_pid()"
                + " AND (r.relname IN ('client', 'journalentry') AND l.mode = 'RowShareLock'"
                + " OR r.relname = 'custos_erasure_log' AND l.mode = 'RowExclusiveLock')")) {
            while (rs.next()) {
                ports.add(rs.getInt(1));
            }
        }
        return ports;
    }

    /**
     * Pauses the load, moves the survivors' demo clocks a day on (each such call then sweeps; the answers come when
     * that sweep ends) and resumes the load once both clocks moved, so that every server the load reaches runs on
     * the same clock.
     */
    private static List<CompletableFuture<HttpResponse<String>>> moveClocks(ClinicLoad load,
            List<ClinicServer> servers, int victim) throws Exception {
        HttpClient http = ClinicServer.http();
        List<CompletableFuture<HttpResponse<String>>> moves = new ArrayList<>();
        load.pause();
        try {
            for (int i = 0; i < servers.size(); i++) {
                if (i != victim) {
                    moves.add(http.sendAsync(HttpRequest.newBuilder(servers.get(i).base.resolve("api/demo/clock"))
                            .header("Authorization", ClinicLoad.AUTH).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"period\":\"P1D\"}")).build(),
                            HttpResponse.BodyHandlers.ofString()));
                }
            }
            for (int i = 0; i < servers.size(); i++) {
                HttpRequest clock = HttpRequest.newBuilder(servers.get(i).base.resolve("api/public/clock")).build();
                while (i != victim && !http.send(clock, HttpResponse.BodyHandlers.ofString()).body()
                        .contains("\"offset\":\"P1D\"")) {
                    Thread.sleep(50);
                }
            }
        } finally {
            load.resume();
        }
        return moves;
    }

    /** The sweep's lease, if someone holds it now: its holder. */
    private static Optional<String> heldLease(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT holder FROM custos_sweep_lease"
                + " WHERE lease_name = 'custos-retention-sweep' AND lock_until > (now() AT TIME ZONE 'UTC')");
             ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    /** Due rows still holding personal data. */
    private static long remaining(Connection c) throws SQLException {
        return ClientRows.count(c, "SELECT COUNT(*) FROM client WHERE id LIKE 'load-due-%'"
                + " AND (name IS NOT NULL OR email IS NOT NULL)")
                + ClientRows.count(c, "SELECT COUNT(*) FROM journalentry WHERE clientid LIKE 'load-due-%'"
                + " AND text IS NOT NULL");
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(POSTGRES + database + "?currentSchema=" + ClinicRows.SCHEMA, "postgres", "");
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(POSTGRES + "test", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
