// SPDX-License-Identifier: Apache-2.0
package dev.custos.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The load driver of {@link ThreeServersTest}: worker threads send the Danish clinic's HTTP API rounds of work on
 * the live clients, as the clinician {@code mette}. A round, on one client, sends each request to a server picked at
 * random: record the client's written consent to disclose the journal to the GP ({@code PUT .../gp-disclosure/consent},
 * 204), read the journal for the GP (200), add a journal entry (200), withdraw the consent ({@code DELETE}, 204) and
 * read for the GP again, which must be refused (403). Rounds on one client never overlap, so that the audit trail and
 * the consent ledger order a client's reads and consent changes as they happened; rounds on different clients run
 * at once. A request that fails for want of a server (the one killed) goes to another. Statuses other than those
 * expected are tallied by step, with a few response bodies (problem documents, which name no client).
 */
final class ClinicLoad implements AutoCloseable {

    /** What the driver saw. */
    record Tally(long rounds, long requests, long retried, Map<String, Long> unexpected, List<String> samples) {
    }

    /** The clinician's credentials (every demo password is {@code demo}). */
    static final String AUTH = "Basic " + Base64.getEncoder().encodeToString(
            (ClinicRows.CLINICIAN + ":demo").getBytes(StandardCharsets.UTF_8));

    private final List<URI> servers;
    private final Set<Integer> down = ConcurrentHashMap.newKeySet();
    private final List<String> clients;
    private final Map<String, ReentrantLock> busy = new ConcurrentHashMap<>();
    private final ReentrantReadWriteLock pause = new ReentrantReadWriteLock();
    private final HttpClient http = ClinicServer.http();
    private final ExecutorService workers;
    private final int threads;
    private final long seed;
    private final AtomicLong rounds = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final Map<String, Long> unexpected = new ConcurrentHashMap<>();
    private final List<String> samples = new ArrayList<>();
    private volatile boolean stopping;

    ClinicLoad(List<URI> servers, List<String> clients, int threads, long seed) {
        this.servers = List.copyOf(servers);
        this.clients = List.copyOf(clients);
        this.threads = threads;
        this.seed = seed;
        this.workers = Executors.newFixedThreadPool(threads);
        clients.forEach(c -> busy.put(c, new ReentrantLock()));
    }

    void start() {
        for (int t = 0; t < threads; t++) {
            Random random = new Random(seed + t);
            workers.submit(() -> {
                while (!stopping) {
                    String client = clients.get(random.nextInt(clients.size()));
                    ReentrantLock lock = busy.get(client);
                    if (!lock.tryLock()) {
                        continue;
                    }
                    pause.readLock().lock();
                    try {
                        round(client, random);
                        rounds.incrementAndGet();
                    } finally {
                        pause.readLock().unlock();
                        lock.unlock();
                    }
                }
                return null;
            });
        }
    }

    long rounds() {
        return rounds.get();
    }

    /** No more requests to server {@code index} (it was killed). */
    void down(int index) {
        down.add(index);
    }

    /** Waits for the rounds under way to end and holds the next ones back, until {@link #resume}. */
    void pause() {
        pause.writeLock().lock();
    }

    void resume() {
        pause.writeLock().unlock();
    }

    /** Ends the load after the rounds under way. */
    Tally stop() throws InterruptedException {
        stopping = true;
        workers.shutdown();
        if (!workers.awaitTermination(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the load driver's rounds did not end");
        }
        synchronized (samples) {
            return new Tally(rounds.get(), requests.get(), retried.get(), new TreeMap<>(unexpected),
                    List.copyOf(samples));
        }
    }

    @Override
    public void close() {
        stopping = true;
        workers.shutdownNow();
    }

    private void round(String client, Random random) {
        String gp = "api/dk/clients/" + client + "/gp-disclosure";
        String signed = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        send("give", 204, random, "PUT", gp + "/consent", "{\"reference\":\"signed-form-" + client
                + "\",\"signedOn\":\"" + signed + "\"}");
        send("read-with-consent", 200, random, "GET", gp, null);
        send("write", 200, random, "POST", "api/dk/clients/" + client + "/journal",
                "{\"kind\":\"SESSION_NOTE\",\"text\":\"Session note from the load driver.\"}");
        send("withdraw", 204, random, "DELETE", gp + "/consent", null);
        send("read-after-withdrawal", 403, random, "GET", gp, null);
    }

    /** Sends one request to a live server picked at random, to another one if that one cannot be reached. */
    private void send(String step, int expected, Random random, String method, String path, String json) {
        for (int attempt = 0; ; attempt++) {
            int server = random.nextInt(servers.size());
            if (down.contains(server)) {
                continue;
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(servers.get(server).resolve(path))
                    .timeout(Duration.ofMinutes(2)).header("Authorization", AUTH).header("Accept", "application/json");
            request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            requests.incrementAndGet();
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != expected) {
                    unexpected.merge(step + " " + response.statusCode(), 1L, Long::sum);
                    synchronized (samples) {
                        if (samples.size() < 5) {
                            samples.add(step + " " + response.statusCode() + ": " + response.body());
                        }
                    }
                }
                return;
            } catch (IOException unreachable) {
                retried.incrementAndGet();
                if (attempt >= 20) {
                    unexpected.merge(step + " unreachable", 1L, Long::sum);
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
