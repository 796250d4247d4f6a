// SPDX-License-Identifier: Apache-2.0
package dev.custos.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * ThreeServersTest's batch variant: the sweep job's executions as Liberty's job repository holds them (schema
 * {@code jbatch}, tables {@code wlp*}, of the scenario's database, shared by the three servers; see {@code clinic-batch.xml}) and the
 * restart of one through Liberty's batch REST API, as an operator would.
 */
final class ClinicBatch {

    /** The servers' extra configuration, for {@code configDropins/overrides}. */
    static final String CONFIG = resource("/clinic-batch.xml");
    private static final String OPERATOR = "batch-operator:batch-operator-pw";
    /** Lease holder of a job instance's executions: {@code custos-job-<instance id>}. */
    private static final String JOB_HOLDER = "custos-job-";

    private ClinicBatch() {
    }

    /** One job execution: its id, instance, batch and exit status and the server that ran it. */
    record Execution(long id, long instance, String status, String exitStatus, String server) {
        boolean ended() {
            return List.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED").contains(status);
        }
    }

    /** The job instance whose executions hold the lease as {@code holder}. */
    static long instanceOf(String holder) {
        if (!holder.startsWith(JOB_HOLDER)) {
            throw new IllegalStateException("the lease is not a job's: " + holder);
        }
        return Long.parseLong(holder.substring(JOB_HOLDER.length()));
    }

    /** The job repository's schema: Liberty creates its tables ({@code createTables}) but not the schema. */
    static void createSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA jbatch");
        }
    }

    /**
     * Waits until the job repository holds an execution: the first server created the tables, so that the others
     * do not race to create them.
     */
    static void awaitRepository(Connection c, Duration timeout) throws Exception {
        long until = System.nanoTime() + timeout.toNanos();
        SQLException last = null;
        while (System.nanoTime() < until) {
            try {
                if (!executions(c).isEmpty()) {
                    return;
                }
            } catch (SQLException notYet) {
                last = notYet;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("no job execution in the job repository after " + timeout, last);
    }

    /** Every execution of the sweep job, oldest first. */
    static List<Execution> executions(Connection c) throws SQLException {
        List<Execution> executions = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT e.jobexecid, e.fk_jobinstanceid,"
                + " e.batchstatus, e.exitstatus, e.serverid FROM jbatch.wlpjobexecution e ORDER BY e.jobexecid")) {
            while (rs.next()) {
                executions.add(new Execution(rs.getLong(1), rs.getLong(2), status(rs.getInt(3)), rs.getString(4),
                        rs.getString(5)));
            }
        }
        return executions;
    }

    /** The latest execution of job instance {@code instance}. */
    static Execution latest(Connection c, long instance) throws SQLException {
        return executions(c).stream().filter(e -> e.instance() == instance).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException("no execution of job instance " + instance));
    }

    /** Waits until the latest execution of {@code instance} is in batch status {@code status}. */
    static Execution await(Connection c, long instance, String status, Duration timeout) throws Exception {
        long until = System.nanoTime() + timeout.toNanos();
        Execution latest = latest(c, instance);
        while (!latest.status().equals(status) && System.nanoTime() < until) {
            Thread.sleep(250);
            latest = latest(c, instance);
        }
        return latest;
    }

    /**
     * Waits until instance {@code instance} has an execution after {@code previous} and it has ended (or the timeout
     * passed); returns that execution as it is then, or null when there is none.
     */
    static Execution awaitNextEnd(Connection c, long instance, Execution previous, Duration timeout)
            throws Exception {
        long until = System.nanoTime() + timeout.toNanos();
        while (true) {
            Execution latest = latest(c, instance);
            boolean next = latest.id() != previous.id();
            if (next && latest.ended() || System.nanoTime() > until) {
                return next ? latest : null;
            }
            Thread.sleep(250);
        }
    }

    /**
     * Executions per server, the server named by the last part of Liberty's server id; those no server has taken up
     * yet (no server id) left out.
     */
    static Map<String, Integer> perServer(List<Execution> executions) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Execution e : executions) {
            if (e.server() != null) {
                counts.merge(e.server().substring(e.server().lastIndexOf('/') + 1), 1, Integer::sum);
            }
        }
        return counts;
    }

    /**
     * Restarts job instance {@code instance} on {@code server} ({@code PUT /ibm/api/batch/jobinstances/<id>?action=
     * restart}) with the parameters the scheduled sweep gave it; the answer (200) is the job instance's JSON.
     */
    static void restart(ClinicServer server, long instance, String unit, int batchSize) throws Exception {
        HttpsURLConnection put = (HttpsURLConnection) URI.create("https://localhost:" + server.httpsPort
                + "/ibm/api/batch/jobinstances/" + instance + "?action=restart").toURL().openConnection();
        put.setSSLSocketFactory(trustAll().getSocketFactory());
        put.setHostnameVerifier((host, session) -> host.equals("localhost"));
        put.setConnectTimeout(10_000);
        put.setReadTimeout(60_000);
        put.setRequestMethod("PUT");
        put.setDoOutput(true);
        put.setRequestProperty("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString(OPERATOR.getBytes(StandardCharsets.UTF_8)));
        put.setRequestProperty("Content-Type", "application/json");
        put.setRequestProperty("Accept", "application/json");
        try (OutputStream out = put.getOutputStream()) {
            out.write(("{\"jobParameters\":{\"unit\":\"" + unit + "\",\"batchSize\":\"" + batchSize + "\"}}")
                    .getBytes(StandardCharsets.UTF_8));
        }
        int code = put.getResponseCode();
        try (InputStream in = code < 400 ? put.getInputStream() : put.getErrorStream()) {
            String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (code != 200) {
                throw new IllegalStateException("restart of job instance " + instance + " answered " + code + ": "
                        + body);
            }
        }
    }

    /** Liberty stores the batch status as the ordinal of {@code jakarta.batch.runtime.BatchStatus}. */
    private static String status(int ordinal) {
        List<String> names = List.of("STARTING", "STARTED", "STOPPING", "STOPPED", "FAILED", "COMPLETED",
                "ABANDONED");
        return ordinal >= 0 && ordinal < names.size() ? names.get(ordinal) : "UNKNOWN(" + ordinal + ")";
    }

    /** Trusts the test's own servers, whose certificates each generated at first start. */
    private static SSLContext trustAll() throws GeneralSecurityException {
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                // the server's self-signed certificate, on localhost
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return trustAll;
    }

    private static String resource(String name) {
        try (var in = ClinicBatch.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("test resource " + name + " missing", e);
        }
    }
}
