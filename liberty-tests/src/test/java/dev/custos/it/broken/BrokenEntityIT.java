// SPDX-License-Identifier: Apache-2.0
package dev.custos.it.broken;

import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * and field: the extension checks every entity of a unit against its pack, whether CDI sees the entity (a bean
 * archive with {@code bean-discovery-mode="all"}) or not (no {@code beans.xml}, the unit scanning its archive).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BrokenEntityIT {

    private static final String BROKEN = "broken-entity";
    private static final String BROKEN_WITHOUT_BEANS_XML = "broken-entity-no-beans-xml";

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

    /** The same entity in an archive without beans.xml, in a unit that lists no classes. */
    @Deployment(name = BROKEN_WITHOUT_BEANS_XML, managed = false, testable = false)
    static WebArchive deploymentWithoutBeansXml() {
        return ShrinkWrap.create(WebArchive.class, BROKEN_WITHOUT_BEANS_XML + ".war")
                .addClass(Orphan.class)
                .addAsResource(Orphan.class.getPackage(), "persistence-scanned.xml", "META-INF/persistence.xml")
                .addAsLibraries(WarLibraries.sdkCdiRuntime());
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void theDeploymentFailsWithEveryMistakeNamed() {
        String all = deploymentFailure(BROKEN);
        assertTrue(all.contains("CUSTOS-01002: " + Orphan.class.getName()), all);
        assertTrue(all.contains(Orphan.class.getName() + ".phone") && all.contains("P5Q"), all);
    }

    @Test
    void withoutBeansXmlTheDeploymentFailsTheSameWay() {
        String all = deploymentFailure(BROKEN_WITHOUT_BEANS_XML);
        assertTrue(all.contains("CUSTOS-01002: " + Orphan.class.getName()), all);
        assertTrue(all.contains(Orphan.class.getName() + ".phone") && all.contains("P5Q"), all);
        // found at deployment by the extension, not at the unit's start
        assertFalse(all.contains("CUSTOS-05003"), all);
    }

    private String deploymentFailure(String name) {
        Throwable thrown = null;
        try {
            deployer.deploy(name);
        } catch (Throwable t) {
            thrown = t;
        } finally {
            try {
                deployer.undeploy(name);
            } catch (RuntimeException ignored) {
                // nothing was deployed
            }
        }
        assertNotNull(thrown, "the deployment must fail");
        List<String> messages = new ArrayList<>();
        for (Throwable t = thrown; t != null && messages.size() < 10; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
        }
        return String.join("\n", messages);
    }
}
