// SPDX-License-Identifier: Apache-2.0
package dev.custos.it.cdi;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custos.it.cdi.broken.BrokenModelExtension;
import jakarta.enterprise.inject.spi.DefinitionException;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a test sees of a failed deployment: deployed by hand through the {@link Deployer}, the exception chain can
 * be inspected, and the extension's message (id, class and field) reaches the client.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DeploymentErrorMessageIT {

    private static final String BROKEN = "broken-model-message";

    @Deployment(name = BROKEN, managed = false, testable = false)
    static WebArchive deployment() {
        return DeploymentErrorIT.brokenWar(BROKEN + ".war");
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void theDefinitionErrorReachesTheTestWithItsMessage() {
        long started = System.nanoTime();
        Throwable thrown = null;
        try {
            deployer.deploy(BROKEN);
        } catch (Throwable t) {
            thrown = t;
        } finally {
            long millis = (System.nanoTime() - started) / 1_000_000;
            System.out.println("deployment failure reported after " + millis + " ms");
            try {
                deployer.undeploy(BROKEN);
            } catch (RuntimeException e) {
                System.out.println("undeploy after the failure: " + e);
            }
        }
        assertNotNull(thrown, "the deployment must fail");

        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = thrown; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
            System.out.println("chain[" + (chain.size() - 1) + "] " + t.getClass().getName() + ": " + t.getMessage());
        }
        assertTrue(chain.stream().anyMatch(DefinitionException.class::isInstance), "a DefinitionException in " + chain);
        assertTrue(chain.stream().anyMatch(t -> String.valueOf(t.getMessage()).contains(BrokenModelExtension.MESSAGE)),
                "the extension's message in " + chain);
    }
}
