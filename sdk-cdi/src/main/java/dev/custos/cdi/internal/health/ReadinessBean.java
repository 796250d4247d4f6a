// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal.health;

import dev.custos.cdi.CustosUnits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.BeanManager;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;

/** Adds {@link CustosReadinessCheck} as a {@code @Readiness} bean; called only when MicroProfile Health is there. */
public final class ReadinessBean {

    private ReadinessBean() {
    }

    public static void register(AfterBeanDiscovery event, BeanManager beans) {
        // typed HealthCheck alone: the container proxies the interface, and MicroProfile Health selects by it
        event.addBean().beanClass(CustosReadinessCheck.class).types(HealthCheck.class, Object.class)
                .qualifiers(Readiness.Literal.INSTANCE, Any.Literal.INSTANCE).scope(ApplicationScoped.class)
                .createWith(context -> {
                    CustosUnits units = beans.createInstance().select(CustosUnits.class).get();
                    return new CustosReadinessCheck(units::all);
                });
    }
}
