// SPDX-License-Identifier: Apache-2.0
package dev.custos.sample;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
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

/** Calls the running clinic's REST API as one of the demo users (every demo password is "demo"). */
final class ClinicHttp {

    /** The clinic the build started (failsafe passes its URL), or one started by hand on the default port. */
    static final String BASE = System.getProperty("clinic.url", "http://localhost:9080/");

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String user;

    private ClinicHttp(String user) {
        this.user = user;
    }

    /**
     * Waits until the clinic answers: the server reports ready before the application has started (Custos creates
     * its tables and the demo data is written first), which takes a minute or more on a loaded machine.
     */
    static void awaitStarted() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                Reply reply = anonymous().get("api/public/clock");
                if (reply.status() == 200) {
                    return;
                }
                last = "HTTP " + reply.status();
            } catch (UncheckedIOException notListening) {
                last = String.valueOf(notListening.getCause());
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("The clinic at " + BASE + " did not start within 5 minutes: " + last
                + "; see sample-app/target/liberty/wlp/usr/servers/clinic/logs/messages.log");
    }

    static ClinicHttp as(String user) {
        return new ClinicHttp(user);
    }

    static ClinicHttp anonymous() {
        return new ClinicHttp(null);
    }

    record Reply(int status, String contentType, String body) {
        JsonObject object() {
            return (JsonObject) json();
        }

        JsonArray array() {
            return (JsonArray) json();
        }

        JsonStructure json() {
            return Json.createReader(new StringReader(body)).read();
        }
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

    Reply delete(String path) {
        return send(request(path).DELETE());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json, */*;q=0.1");
        if (user != null) {
            builder.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
        }
        return builder;
    }

    private static Reply send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
