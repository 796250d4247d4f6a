// SPDX-License-Identifier: Apache-2.0
package dev.custos.it.wildfly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custos.it.clinic.ClinicIdentities;
import dev.custos.it.clinic.ClinicScenarios;
import dev.custos.it.clinic.ClinicService;
import dev.custos.it.clinic.EventLog;
import dev.custos.it.clinic.JournalDesk;
import dev.custos.it.clinic.WhoServlet;
import dev.custos.it.clinic.model.CareNote;
import dev.custos.it.clinic.model.Session;
import dev.custos.jpa.access.AccessRefusedException;
import dev.custos.jpa.access.ProcessingContext;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.hibernate.Version;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The clinic application of liberty-tests ({@link ClinicScenarios}: the same entities, beans, servlet and tests) on
 * WildFly, with the server's Hibernate ORM, a PostgreSQL data source deployed with the WAR and the scheduled sweep
 * on the server's managed scheduled executor; besides, a query result decided row by row and a refused projection.
 */
@ExtendWith(ArquillianExtension.class)
class ClinicOnWildFlyIT extends ClinicScenarios {

    @Deployment
    static WebArchive deployment() {
        return PostgresDeployments.war("clinic")
                .addClasses(ClinicScenarios.class, ClinicService.class, EventLog.class, JournalDesk.class,
                        WhoServlet.class, ClinicIdentities.class, Session.class, CareNote.class, ClinicQueries.class,
                        PostgresDeployments.class)
                .addAsResource(ClinicOnWildFlyIT.class.getPackage(), "persistence.xml", "META-INF/persistence.xml")
                .addAsResource(ClinicService.class.getPackage(), "microprofile-config.properties",
                        "META-INF/microprofile-config.properties")
                .addAsWebInfResource(ClinicOnWildFlyIT.class.getPackage(), "jboss-web.xml", "jboss-web.xml");
    }

    @Inject
    ClinicQueries queries;

    @Resource(lookup = PostgresDeployments.JNDI_NAME)
    DataSource database;

    @Override
    protected DataSource database() {
        return database;
    }

    @Override
    protected Path serverLog() {
        return Path.of(System.getProperty("jboss.server.log.dir"), "server.log");
    }

    @Override
    protected void assertRefusedReadLogged(List<String> log) {
        assertTrue(log.stream().anyMatch(line -> line.contains("INFO") && line.contains("CUSTOS-04409: Reading CareNote")
                && line.contains("(reason CUSTOS-04427)")), String.join("\n", log));
    }

    @Test
    void custosRunsOnTheServersHibernate() {
        assertTrue(Version.getVersionString().startsWith("6.6."), Version.getVersionString());
    }

    @Test
    void aQueryResultIsDecidedRowByRowAndAProjectionOfConsentBasedDataIsRefused() throws Exception {
        try (ProcessingContext.Scope scope = ProcessingContext.open("intake", "reception")) {
            clinic.store(new Session(41L, "client-41", "first"));
            clinic.store(new Session(42L, "client-41", "second"));
        }
        consents.give("client-41", "treatment", "notice-2026-11");
        assertEquals(List.of("first", "second"), queries.notesOfClient("client-41"));

        AccessRefusedException refused = refusal(assertThrows(RuntimeException.class, queries::notesAsValues));
        assertEquals("CUSTOS-04428", refused.messageId());
    }
}
