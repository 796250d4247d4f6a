// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.custos.cdi.testing.CdiClinic;
import dev.custos.cdi.testing.ClinicResources;
import dev.custos.jpa.access.Caller;
import dev.custos.jpa.access.CallerSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How Custos starts for the application's units: the pack setting, the application's callers, failing closed. */
class StartupTest {

    @ApplicationScoped
    public static class FrontDoorCallers implements CallerSource {
        @Override
        public Caller current() {
            return Caller.named("front-door", Set.of());
        }
    }

    /** A second factory for the declared unit, as an application with several units produces them. */
    @ApplicationScoped
    public static class ClinicFactoryBean {
        @jakarta.enterprise.inject.Produces
        @jakarta.persistence.PersistenceUnit(unitName = "clinic")
        @jakarta.inject.Named("clinicFactory")
        @ApplicationScoped
        jakarta.persistence.EntityManagerFactory clinic(javax.sql.DataSource dataSource) {
            return jakarta.persistence.Persistence.createEntityManagerFactory("clinic",
                    java.util.Map.of("jakarta.persistence.nonJtaDataSource", dataSource));
        }

        void close(@jakarta.enterprise.inject.Disposes @jakarta.inject.Named("clinicFactory")
                   jakarta.persistence.EntityManagerFactory factory) {
            factory.close();
        }
    }

    @AfterEach
    void clear() {
        System.clearProperty(dev.custos.jpa.CustosSetting.PACK.key());
        System.clearProperty(dev.custos.core.policy.PackOverride.SETTING_PREFIX + "fiscal-year-end");
        System.clearProperty(dev.custos.core.policy.PackOverride.SETTING_PREFIX + "journal");
    }

    @Test
    void aDeploymentSetsThePackValuesThePackLetsItChoose() {
        System.setProperty(dev.custos.core.policy.PackOverride.SETTING_PREFIX + "fiscal-year-end", "06-30");
        try (WeldContainer container = CdiClinic.weld().initialize()) {
            assertThat(container.select(CustosUnits.class).get().runtime().pack().fiscalYearEnd())
                    .isEqualTo(java.time.MonthDay.of(6, 30));
        }
    }

    @Test
    void aPackValueThePackDoesNotLetADeploymentChangeFailsTheStart() {
        System.setProperty(dev.custos.core.policy.PackOverride.SETTING_PREFIX + "journal", "P1Y");
        Throwable thrown = catchThrowable(() -> CdiClinic.weld().initialize().close());
        assertThat(thrown).isNotNull();
        StringBuilder messages = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
            if (t instanceof dev.custos.core.CustosDefinitionException d) {
                d.problems().forEach(p -> messages.append(p).append('\n'));
            }
        }
        // found at deployment now, as the unit's start would find it: the same check, forwarded by the extension
        assertThat(messages.toString()).contains("CUSTOS-01293").contains("custos.pack.override.journal");
    }

    @Test
    void aServerWidePackSettingIsTheOneTheUnitRunsUnder() {
        System.setProperty(dev.custos.jpa.CustosSetting.PACK.key(), "no"); // persistence.xml says dk
        try (WeldContainer container = CdiClinic.weld().initialize()) {
            assertThat(container.select(CustosUnits.class).get().runtime().pack().id()).isEqualTo("no");
        }
    }

    @Test
    void anApplicationsOwnCallerSourceBeanReplacesJakartaSecuritysWithoutAnAlternative() {
        try (WeldContainer container = CdiClinic.sdkOnly().addBeanClasses(ClinicResources.class,
                FrontDoorCallers.class).initialize()) {
            assertThat(container.select(CustosUnits.class).get().runtime().currentCaller().name())
                    .isEqualTo("front-door");
        }
    }

    @Test
    void aDeclaredUnitCustosCannotReachFailsTheStartInsteadOfRunningUnprotected() {
        // persistence.xml declares "clinic", but nothing injects it and no factory bean exists
        Throwable thrown = catchThrowable(() -> CdiClinic.sdkOnly().initialize().close());
        assertThat(thrown).isNotNull();
        String messages = String.valueOf(thrown.getMessage()) + (thrown.getCause() == null ? ""
                : thrown.getCause().getMessage());
        assertThat(messages).contains("CUSTOS-05002").contains("[clinic]");
    }

    @Test
    void theUnitChosenWithUseIsTheServicesUnitUntilItsScopeClosesAndAnUnknownUnitIsRefused() {
        try (WeldContainer container = CdiClinic.weld().initialize()) {
            CustosUnits units = container.select(CustosUnits.class).get();
            try (CustosUnits.UnitScope outer = units.use("clinic")) {
                assertThat(units.runtime().unitName()).isEqualTo("clinic");
                Throwable unknown = catchThrowable(() -> units.use("elsewhere"));
                assertThat(unknown).hasMessageContaining("CUSTOS-05009").hasMessageContaining("elsewhere")
                        .hasMessageContaining("[clinic]");
                assertThat(units.runtime().unitName()).isEqualTo("clinic"); // a refused choice changes nothing
            }
            assertThat(units.runtime().unitName()).isEqualTo("clinic"); // the only unit, with no choice in effect
        }
    }

    @Test
    void aFactoryBeanIsNamedAfterItsPersistenceUnitAnnotationAndAnUnannotatedOneByItsPlace() {
        try (WeldContainer container = CdiClinic.weld(ClinicFactoryBean.class).initialize()) {
            CustosUnits units = container.select(CustosUnits.class).get();
            // before, both were "unit-N" and neither found the declared unit's data source
            assertThat(units.all()).extracting(dev.custos.jpa.CustosRuntime::unitName).hasSize(2).contains("clinic")
                    .filteredOn(name -> !name.equals("clinic")).singleElement().asString().matches("unit-[12]");
        }
    }
}
