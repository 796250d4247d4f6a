// SPDX-License-Identifier: Apache-2.0
package dev.custos.it.broken;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custos.it.WarLibraries;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An application whose entity has mistakes fails to deploy, at once, with Custos' numbered messages naming class
 * and field: the extension checks every entity in a bean archive against its unit's pack.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BrokenEntityIT {

    private static final String BROKEN = "broken-entity";

    @Deployment(name = BROKEN, managed = false, testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, BROKEN + ".war")
                .addClass(Orphan.class)
                .addAsResource(Orphan.class.getPackage(), "persistence.xml", "META-INF/persistence.xml")
                // bean-discovery-mode="all", so that CDI (and Custos' extension) sees the entity at deployment
                .addAsWebInfResource(new StringAsset("<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\""
                        + " version=\"4.0\" bean-discovery-mode=\"all\"/>"), "beans.xml")
                .addAsLibraries(WarLibraries.sdkCdiRuntime());
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void theDeploymentFailsWithEveryMistakeNamed() {
        Throwable thrown = null;
        try {
            deployer.deploy(BROKEN);
        } catch (Throwable t) {
            thrown = t;
        } finally {
            try {
                deployer.undeploy(BROKEN);
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
        assertTrue(all.contains("CUSTOS-01002: " + Orphan.class.getName()), all);
        assertTrue(all.contains(Orphan.class.getName() + ".phone") && all.contains("P5Q"), all);
    }
}
