// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal.telemetry;

import dev.custos.jpa.CustosMetrics;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Singleton;

/**
 * Adds {@link OpenTelemetryMetrics} as the {@link CustosMetrics} bean the units start with; called only when the
 * OpenTelemetry API is there. It records on the server's {@link OpenTelemetry} bean (MicroProfile Telemetry's),
 * else on {@link GlobalOpenTelemetry} (an agent's, or a no-op one).
 */
public final class MetricsBean {

    private MetricsBean() {
    }

    public static void register(AfterBeanDiscovery event, BeanManager beans) {
        event.addBean().beanClass(OpenTelemetryMetrics.class).types(CustosMetrics.class, Object.class)
                .scope(Singleton.class)
                .createWith(context -> {
                    Instance<OpenTelemetry> server = beans.createInstance().select(OpenTelemetry.class);
                    OpenTelemetry telemetry = server.isResolvable() ? server.get() : GlobalOpenTelemetry.get();
                    return new OpenTelemetryMetrics(telemetry.getMeter(OpenTelemetryMetrics.SCOPE));
                })
                .destroyWith((metrics, context) -> ((OpenTelemetryMetrics) metrics).close());
    }
}
