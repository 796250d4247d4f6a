// SPDX-License-Identifier: Apache-2.0
package dev.custos.it.batch;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Properties;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Liberty's batch REST API (batchManagement-1.0) as an operator's tool calls it: HTTPS with the server's own
 * certificate, basic authentication as a user in the batchAdmin role (see the server's server.xml).
 */
final class BatchRest {

    static final String USER = "custos-operator";
    static final String PASSWORD = "custos-operator-pw";

    private final String base;
    private final SSLContext trustAll;

    BatchRest() throws IOException, GeneralSecurityException {
        // the server runs in its own directory, where the build wrote the ports
        Properties bootstrap = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("bootstrap.properties"))) {
            bootstrap.load(in);
        }
        base = "https://localhost:" + bootstrap.getProperty("custos.it.https.port").strip() + "/ibm/api/batch/";
        trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                // the test server's self-signed certificate
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
    }

    /** Submits the job, as {@code POST /ibm/api/batch/jobinstances}; returns the job instance's JSON. */
    JsonObject submit(String application, String job, JsonObject parameters) throws IOException {
        HttpURLConnection post = open("jobinstances");
        post.setRequestMethod("POST");
        post.setDoOutput(true);
        post.setRequestProperty("Content-Type", "application/json");
        String body = Json.createObjectBuilder().add("applicationName", application)
                .add("moduleName", application + ".war").add("jobXMLName", job).add("jobParameters", parameters)
                .build().toString();
        try (OutputStream out = post.getOutputStream()) {
            out.write(body.getBytes(StandardCharsets.UTF_8));
        }
        String answer = read(post);
        if (post.getResponseCode() != 201) {
            throw new AssertionError("POST jobinstances answered " + post.getResponseCode() + ": " + answer);
        }
        try (JsonReader reader = Json.createReader(new StringReader(answer))) {
            return reader.readObject();
        }
    }

    /** The job instance's log, as text ({@code GET /ibm/api/batch/jobinstances/<id>/joblogs?type=text}). */
    String jobLog(long instanceId) throws IOException {
        HttpURLConnection get = open("jobinstances/" + instanceId + "/joblogs?type=text");
        String answer = read(get);
        if (get.getResponseCode() != 200) {
            throw new AssertionError("GET joblogs answered " + get.getResponseCode() + ": " + answer);
        }
        return answer;
    }

    private HttpURLConnection open(String path) throws IOException {
        HttpsURLConnection connection = (HttpsURLConnection) new URL(base + path).openConnection();
        connection.setSSLSocketFactory(trustAll.getSocketFactory());
        connection.setHostnameVerifier((host, session) -> host.equals("localhost"));
        connection.setRequestProperty("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        connection.setRequestProperty("Accept", "application/json");
        return connection;
    }

    private static String read(HttpURLConnection connection) throws IOException {
        InputStream in = connection.getResponseCode() < 400 ? connection.getInputStream()
                : connection.getErrorStream();
        try (InputStream stream = in) {
            return stream == null ? "" : new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
