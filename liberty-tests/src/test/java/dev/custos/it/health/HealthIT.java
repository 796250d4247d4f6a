// SPDX-License-Identifier: Apache-2.0
package dev.custos.it.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custos.it.WarLibraries;
import dev.custos.it.clinic.model.Session;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Custos' readiness check and metrics on Open Liberty, run twice by the build: on the server with mpHealth-4.0 and
 * mpTelemetry-2.0 ({@code custos.it.microprofile=true}), /health/ready reports the check {@code custos} UP with the
 * unit's schema version and pack, then DOWN once Custos' tables are gone, and the unit records on OpenTelemetry; on
 * the server without them, the same application deploys and Custos works as before, with no health endpoint and no
 * metrics.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HealthIT {

    private static final boolean MICROPROFILE = Boolean.getBoolean("custos.it.microprofile");

    @Deployment(testable = false)
    static WebArchive deployment() {
        // not health.war: /health is mpHealth's own context root
        return ShrinkWrap.create(WebArchive.class, "custos-health.war")
                .addClasses(Session.class, StateServlet.class)
                .addAsResource(HealthIT.class.getPackage(), "persistence.xml", "META-INF/persistence.xml")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsLibraries(WarLibraries.sdkCdiRuntime());
    }

    @ArquillianResource
    URL base;

    @Test
    void readyWhileCustosCanReadItsTablesAndDownOnceTheyAreGone() throws IOException {
        String state = body(get(new URL(base, "state")));
        if (!MICROPROFILE) {
        // no mpHealth, no mpTelemetry: Custos started as always, without metrics, and nothing answers /health
            assertEquals("health pack=no metrics=", state); // CustosMetrics.NONE, an anonymous class
            assertEquals(404, get(new URL(base, "/health/ready")).getResponseCode());
            return;
        }
        assertEquals("health pack=no metrics=OpenTelemetryMetrics", state);

        HttpURLConnection ready = get(new URL(base, "/health/ready"));
        JsonObject up = custosCheck(ready);
        assertEquals(200, ready.getResponseCode(), up.toString());
        assertEquals("UP", up.getString("status"), up.toString());
        JsonObject data = up.getJsonObject("data");
        assertEquals("UP", data.getString("health.status"));
        assertEquals("no", data.getString("health.pack"));
        assertTrue(data.getJsonNumber("health.schema-version").intValue() > 0, data.toString());

        HttpURLConnection drop = (HttpURLConnection) new URL(base, "state").openConnection();
        drop.setRequestMethod("POST");
        assertEquals(204, drop.getResponseCode());

        HttpURLConnection notReady = get(new URL(base, "/health/ready"));
        JsonObject down = custosCheck(notReady);
        assertEquals(503, notReady.getResponseCode(), down.toString());
        assertEquals("DOWN", down.getString("status"));
        assertEquals(0, down.getJsonObject("data").getJsonNumber("health.schema-version").intValue());
        assertTrue(down.getJsonObject("data").getString("health.problem").startsWith("CUSTOS-04533: "),
                down.toString());
    }

    private static HttpURLConnection get(URL url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        connection.setRequestProperty("Accept", "application/json");
        return connection;
    }

    /** The check named "custos" in a /health/ready answer. */
    private static JsonObject custosCheck(HttpURLConnection connection) throws IOException {
        try (JsonReader reader = Json.createReader(new StringReader(body(connection)))) {
            return reader.readObject().getJsonArray("checks").stream().map(JsonObject.class::cast)
                    .filter(check -> check.getString("name").equals("custos")).findFirst()
                    .orElseThrow(() -> new AssertionError("no check named custos"));
        }
    }

    private static String body(HttpURLConnection connection) throws IOException {
        InputStream in = connection.getResponseCode() < 400 ? connection.getInputStream()
                : connection.getErrorStream();
        try (InputStream stream = in) {
            return stream == null ? "" : new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
