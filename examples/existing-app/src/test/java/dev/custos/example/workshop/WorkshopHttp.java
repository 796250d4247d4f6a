// SPDX-License-Identifier: Apache-2.0
package dev.custos.example.workshop;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Calls the running workshop's API as one of its users (every password is "demo"). */
final class WorkshopHttp {

    static final String BASE = System.getProperty("workshop.url", "http://localhost:9180/");

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String user;

    private WorkshopHttp(String user) {
        this.user = user;
    }

    static WorkshopHttp as(String user) {
        return new WorkshopHttp(user);
    }

    record Reply(int status, String body) {
        JsonObject object() {
            return Json.createReader(new StringReader(body)).readObject();
        }

        JsonArray array() {
            return Json.createReader(new StringReader(body)).readArray();
        }
    }

    /** Waits until the application answers: the server says it is ready before the application has started. */
    static void awaitStarted() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                Reply reply = as("counter").get("api/customers/1");
                if (reply.status() == 200) {
                    return;
                }
                last = "HTTP " + reply.status();
            } catch (UncheckedIOException notListening) {
                last = String.valueOf(notListening.getCause());
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("The workshop at " + BASE + " did not start within 5 minutes: " + last);
    }

    Reply get(String path) {
        return send(request(path).GET());
    }

    Reply post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofMinutes(2))
                .header("Accept", "application/json");
        if (user != null) {
            String token = Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
            builder.header("Authorization", "Basic " + token);
        }
        return builder;
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
