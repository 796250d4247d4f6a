// SPDX-License-Identifier: Apache-2.0
package dev.custos.it.wildfly;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custos.it.WarLibraries;
import dev.custos.it.clinic.model.CareNote;
import dev.custos.it.clinic.model.Session;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * WildFly's default data source (ExampleDS) is an H2 database, which Custos has no migrations for: a unit on it
 * fails the deployment with the numbered message naming the database, instead of running unprotected.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DefaultDataSourceIT {

    private static final String NAME = "clinic-on-example-ds";

    @Deployment(name = NAME, managed = false, testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, NAME + ".war")
                .addClasses(Session.class, CareNote.class)
                .addAsResource(DefaultDataSourceIT.class.getPackage(), "persistence-default-ds.xml",
                        "META-INF/persistence.xml")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsLibraries(WarLibraries.sdkCdiRuntime());
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void aUnitOnTheServersH2DataSourceFailsTheDeploymentNamingTheDatabase() {
        Throwable thrown = null;
        try {
            deployer.deploy(NAME);
        } catch (Throwable t) {
            thrown = t;
        } finally {
            try {
                deployer.undeploy(NAME);
            } catch (RuntimeException ignored) {
                // nothing was deployed
            }
        }
        assertNotNull(thrown, "the deployment must fail");
        List<String> messages = new ArrayList<>();
        for (Throwable t = thrown; t != null && messages.size() < 10; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
        }
        String all = String.join("\n", messages);
        assertTrue(all.contains("CUSTOS-05003") && all.contains("CUSTOS-04001") && all.contains("H2"), all);
    }
}
