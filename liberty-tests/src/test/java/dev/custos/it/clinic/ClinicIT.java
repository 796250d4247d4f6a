// SPDX-License-Identifier: Apache-2.0
package dev.custos.it.clinic;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custos.it.WarLibraries;
import jakarta.annotation.Resource;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The clinic application ({@link ClinicScenarios}) on Open Liberty with sdk-cdi in WEB-INF/lib, a JTA unit on the
 * default data source and EclipseLink.
 */
@ExtendWith(ArquillianExtension.class)
class ClinicIT extends ClinicScenarios {

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "clinic.war")
                .addPackages(true, ClinicIT.class.getPackage())
                .addClass(WarLibraries.class)
                .addAsResource(ClinicIT.class.getPackage(), "persistence.xml", "META-INF/persistence.xml")
                .addAsResource(ClinicIT.class.getPackage(), "microprofile-config.properties",
                        "META-INF/microprofile-config.properties")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsLibraries(WarLibraries.sdkCdiRuntime());
    }

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource database;

    @Override
    protected DataSource database() {
        return database;
    }

    /** The server's messages.log: the server runs in its own directory. */
    @Override
    protected Path serverLog() {
        return Path.of("logs", "messages.log");
    }

    /** One line from Custos at INFO, and none from EclipseLink (CWWJP9991W) for any refused read. */
    @Override
    protected void assertRefusedReadLogged(List<String> log) {
        assertTrue(log.stream().anyMatch(line -> line.contains(" I CUSTOS-04409: Reading CareNote")
                && line.contains("(reason CUSTOS-04427)")), String.join("\n", log));
        assertTrue(log.stream().noneMatch(line -> line.contains("CWWJP9991W") && line.contains("CUSTOS-04409")),
                String.join("\n", log));
    }
}
