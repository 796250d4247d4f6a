// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.cdi.internal.telemetry.OpenTelemetryMetrics;
import dev.custos.cdi.testing.CdiClinic;
import dev.custos.cdi.testmodel.Session;
import dev.custos.jpa.CustosRuntime;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * With the MicroProfile Health and OpenTelemetry APIs on the class path (as on a server with mpHealth and
 * mpTelemetry), the extension adds a {@code @Readiness} check that says UP with the unit's schema version and pack,
 * and DOWN once a Custos table is gone; and the units start with metrics recorded on the application's
 * {@link OpenTelemetry} bean.
 */
class OperationsBeansTest {

    static final InMemoryMetricReader READER = InMemoryMetricReader.create();

    /** What MicroProfile Telemetry provides: the application's OpenTelemetry, here with an in-memory reader. */
    @ApplicationScoped
    public static class Telemetry {
        @Produces
        @ApplicationScoped
        OpenTelemetry openTelemetry() {
            return OpenTelemetrySdk.builder()
                    .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(READER).build()).build();
        }
    }

    @Test
    void theReadinessCheckSaysUpWithVersionAndPackAndDownWithoutTheAuditHeads() throws Exception {
        try (WeldContainer container = CdiClinic.weld().initialize()) {
            HealthCheck check = container.select(HealthCheck.class, Readiness.Literal.INSTANCE).get();
            HealthCheckResponse up = check.call();
            assertThat(up.getName()).isEqualTo("custos");
            assertThat(up.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
            Map<String, Object> data = up.getData().orElseThrow();
            assertThat(data).containsEntry("clinic.status", "UP").containsEntry("clinic.schema-version",
                    (long) dev.custos.jpa.schema.CustosSchema.LATEST_VERSION).containsKey("clinic.pack")
                    .doesNotContainKey("clinic.problem");

            CustosRuntime runtime = container.select(CustosUnits.class).get().runtime();
            try (Connection c = runtime.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE custos_audit_head");
            }
            HealthCheckResponse down = check.call();
            assertThat(down.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(down.getData().orElseThrow()).containsEntry("clinic.status", "DOWN")
                    .hasEntrySatisfying("clinic.problem", p -> assertThat((String) p).startsWith("CUSTOS-04536: "));
        }
    }

    @Test
    void theUnitsRecordTheirMetricsOnTheApplicationsOpenTelemetry() {
        try (WeldContainer container = CdiClinic.weld(Telemetry.class).initialize()) {
            CustosRuntime runtime = container.select(CustosUnits.class).get().runtime();
            assertThat(runtime.metrics()).isInstanceOf(OpenTelemetryMetrics.class);
            CdiClinic.store(runtime.entityManagerFactory(), "treatment", new Session(1L, "client-1", "slept well"));

            MetricData appended = READER.collectAllMetrics().stream()
                    .filter(m -> m.getName().equals("custos.audit.appended")).findFirst().orElseThrow();
            assertThat(appended.getUnit()).isEqualTo("{record}");
            assertThat(appended.getLongSumData().getPoints()).singleElement().satisfies(point -> {
                assertThat(point.getValue()).isPositive();
                assertThat(point.getAttributes().get(AttributeKey.stringKey("custos.unit"))).isEqualTo("clinic");
                assertThat(point.getAttributes().get(AttributeKey.stringKey("custos.audit.chain")))
                        .isEqualTo("writes");
            });
        }
    }
}
