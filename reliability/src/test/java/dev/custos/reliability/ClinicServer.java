// SPDX-License-Identifier: Apache-2.0
package dev.custos.reliability;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One Open Liberty server running the sample clinic, created in the Liberty install {@code wlp} as sample-app's build
 * creates its own: sample-app's server configuration ({@code src/main/liberty/config}) unchanged, its variables set
 * in {@code bootstrap.properties} (free ports, the PostgreSQL database), Custos' and the clinic's settings as system
 * properties in {@code jvm.options} (MicroProfile Config reads those), the clinic's WAR in {@code apps}. Run in the
 * foreground ({@code server run}, which execs the JVM), so that the process is the server's JVM. Extra configuration
 * (the batch variant's) goes to {@code configDropins/overrides}, which Liberty merges into sample-app's.
 */
final class ClinicServer implements AutoCloseable {

    final String name;
    final URI base;
    /** The HTTPS port, for Liberty's own REST APIs where the extra configuration enables them. */
    final int httpsPort;
    private final Path wlp;
    private final Path output;
    private Process process;

    private ClinicServer(String name, int httpPort, int httpsPort, Path wlp, Path output) {
        this.name = name;
        this.base = URI.create("http://localhost:" + httpPort + "/");
        this.httpsPort = httpsPort;
        this.wlp = wlp;
        this.output = output;
    }

    /**
     * Creates server {@code name} afresh, on free ports, with the clinic's Danish and Norwegian data sources in
     * {@code database}, {@code settings} as system properties and {@code overrides} (server XML, or null) in
     * {@code configDropins/overrides}.
     */
    static ClinicServer create(Path wlp, String name, Path war, Path jdbc, String database,
                               Map<String, String> settings, String overrides) throws IOException {
        Path dir = wlp.resolve("usr/servers").resolve(name);
        if (Files.exists(dir)) {
            try (Stream<Path> old = Files.walk(dir)) {
                old.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir.resolve("apps"));
        Path config = Path.of(System.getProperty("custos.project.root", ".."))
                .resolve("sample-app/src/main/liberty/config");
        try (DirectoryStream<Path> files = Files.newDirectoryStream(config, "*.xml")) {
            for (Path file : files) {
                Files.copy(file, dir.resolve(file.getFileName()));
            }
        }
        Files.copy(war, dir.resolve("apps/clinic.war"), StandardCopyOption.REPLACE_EXISTING);
        if (overrides != null) {
            Files.writeString(Files.createDirectories(dir.resolve("configDropins/overrides")).resolve("extra.xml"),
                    overrides);
        }
        int http = freePort();
        int https = freePort();
        Files.writeString(dir.resolve("bootstrap.properties"), String.join("\n",
                "clinic.http.port=" + http, "clinic.https.port=" + https, "clinic.jdbc.dir=" + jdbc,
                "clinic.db=postgresql", "clinic.pg.database=" + database, ""));
        Map<String, String> properties = new java.util.TreeMap<>(settings);
        properties.put("clinic.http.port", Integer.toString(http));
        Files.writeString(dir.resolve("jvm.options"), "-Xmx512m\n" + properties.entrySet().stream()
                .map(e -> "-D" + e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n")) + "\n");
        Path output = dir.getParent().getParent().getParent().resolve(name + ".out");
        Files.deleteIfExists(output);
        return new ClinicServer(name, http, https, wlp, output);
    }

    /**
     * Starts the server in the background, again after a kill too (same directory: Liberty then recovers what the
     * dead JVM left); its console goes to {@code <name>.out} beside {@code usr}, appended.
     */
    void start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder("bash", wlp.resolve("bin/server").toString(), "run", name)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        process = builder.start();
    }

    /** What the server wrote to its console so far, all its starts. */
    String console() throws IOException {
        return Files.readString(output);
    }

    /** Waits until the clinic answers on its public API (the application is up, demo data and all). */
    void awaitReady(Duration timeout) throws Exception {
        HttpClient http = http();
        HttpRequest clock = HttpRequest.newBuilder(base.resolve("api/public/clock")).timeout(Duration.ofSeconds(30))
                .build();
        long until = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " ended with " + process.exitValue() + "; see " + output);
            }
            try {
                if (http.send(clock, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(name + " not ready after " + timeout + "; see " + output);
    }

    /**
     * An HTTP client for the clinic. HTTP/1.1: by default Java's client asks for an upgrade to HTTP/2 over cleartext,
     * and under load Liberty's HTTP/2 writes then hung (its request threads waiting in {@code H2WriteQEntry}, the
     * client's calls never answered).
     */
    static HttpClient http() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** The server's JVM: the process {@code server run} became. */
    ProcessHandle jvm() {
        return process.toHandle();
    }

    /**
     * The socket inodes the JVM holds open ({@code /proc/<pid>/fd}), to tell which server a PostgreSQL backend's
     * client port belongs to.
     */
    Set<Long> sockets() throws IOException {
        Set<Long> inodes = new HashSet<>();
        Path dir = Path.of("/proc", Long.toString(process.pid()), "fd");
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(dir)) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor was closed between the listing and the read
                }
            }
        }
        return inodes;
    }

    /**
     * The inode of the TCP socket from local port {@code port} to PostgreSQL's port 5432 ({@code /proc/net/tcp},
     * {@code tcp6}), or -1.
     */
    static long socketToPostgres(int port) throws IOException {
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                if (port(fields[1]) == port && port(fields[2]) == 5432) {
                    return Long.parseLong(fields[9]);
                }
            }
        }
        return -1;
    }

    /** The port of an address of /proc/net/tcp, {@code hexaddress:hexport}. */
    private static int port(String address) {
        return Integer.parseInt(address.substring(address.indexOf(':') + 1), 16);
    }

    /** SIGKILL to the server's JVM (kill -9): no shutdown, no rollback but the database's own. */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " did not die");
        }
        return process.exitValue();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** Stops the server as an operator would (SIGTERM: Liberty's shutdown), or kills it if that takes over a minute. */
    @Override
    public void close() throws InterruptedException {
        if (alive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
