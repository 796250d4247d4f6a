// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.cdi.broken.BrokenRecord;
import dev.custos.cdi.testing.CdiClinic;
import dev.custos.cdi.testing.TestCallers;
import dev.custos.jpa.CustosSetting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code custos.enabled=false} under CDI: Custos checks nothing, schedules nothing and logs one INFO line. Before,
 * the model was still validated at deployment, and the scheduler logged two SEVERE records per interval.
 */
class SwitchedOffTest {

    /** The unit's resources, with Custos switched off in the unit's own properties. */
    @ApplicationScoped
    public static class SwitchedOffUnit {
        @Produces
        @ApplicationScoped
        DataSource dataSource() {
            EmbeddedDataSource dataSource = new EmbeddedDataSource();
            dataSource.setDatabaseName("memory:cdi-" + UUID.randomUUID());
            dataSource.setCreateDatabase("create");
            return dataSource;
        }

        @Produces
        @ApplicationScoped
        EntityManagerFactory factory(DataSource dataSource) {
            return Persistence.createEntityManagerFactory("clinic", Map.of(
                    "jakarta.persistence.nonJtaDataSource", dataSource, CustosSetting.ENABLED.key(), "false"));
        }

        void close(@Disposes EntityManagerFactory factory) {
            factory.close();
        }
    }

    /** Custos' log records at INFO and above. */
    static final class Records extends Handler {
        final List<LogRecord> records = new CopyOnWriteArrayList<>();

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                records.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private static final Logger CUSTOS_LOG = Logger.getLogger("dev.custos");
    private final Records log = new Records();

    @BeforeEach
    void listen() {
        CUSTOS_LOG.addHandler(log);
        System.setProperty(CustosSetting.SWEEP_INITIAL_DELAY.key(), "PT0.1S");
        System.setProperty(CustosSetting.SWEEP_INTERVAL.key(), "PT0.2S");
    }

    @AfterEach
    void clear() {
        CUSTOS_LOG.removeHandler(log);
        System.clearProperty(CustosSetting.SWEEP_INITIAL_DELAY.key());
        System.clearProperty(CustosSetting.SWEEP_INTERVAL.key());
        System.clearProperty(CustosSetting.ENABLED.key());
    }

    @Test
    void switchedOffOnTheServerABrokenModelDeploysAndNothingRuns() throws Exception {
        System.setProperty(CustosSetting.ENABLED.key(), "false");
        try (WeldContainer container = CdiClinic.weld(BrokenRecord.class, DeploymentValidationTest.Blank.class,
                ScheduledSweepTest.Executor.class).initialize()) {
            assertThat(container.select(CustosUnits.class).get().runtime().enabled()).isFalse();
            Thread.sleep(1_000); // five intervals of a schedule that must not exist
        }
        assertOneInfoLineAndNothingElse();
    }

    @Test
    void aUnitSwitchedOffInItsPropertiesIsNeitherSweptNorLoggedAbout() throws Exception {
        try (WeldContainer container = CdiClinic.sdkOnly().addBeanClasses(SwitchedOffUnit.class, TestCallers.class,
                ScheduledSweepTest.Executor.class).initialize()) {
            assertThat(container.select(CustosUnits.class).get().runtime().enabled()).isFalse();
            Thread.sleep(1_000);
        }
        assertOneInfoLineAndNothingElse();
    }

    private void assertOneInfoLineAndNothingElse() {
        assertThat(log.records).extracting(r -> r.getLevel() + " " + r.getMessage()).singleElement().asString()
                .startsWith("INFO CUSTOS-04441").contains("clinic", "custos.enabled=false");
    }
}
