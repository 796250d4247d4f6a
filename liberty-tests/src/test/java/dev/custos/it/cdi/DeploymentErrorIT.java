// SPDX-License-Identifier: Apache-2.0
package dev.custos.it.cdi;

import dev.custos.it.cdi.broken.BrokenModelExtension;
import dev.custos.it.cdi.broken.Patient;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.Extension;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A definition error reported by a portable extension fails the deployment, and Arquillian sees it as such. */
@ExtendWith(ArquillianExtension.class)
class DeploymentErrorIT {

    static WebArchive brokenWar(String name) {
        return ShrinkWrap.create(WebArchive.class, name)
                .addClasses(BrokenModelExtension.class, Patient.class)
                .addAsServiceProvider(Extension.class, BrokenModelExtension.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @Deployment(testable = false)
    @ShouldThrowException(DefinitionException.class)
    static WebArchive deployment() {
        return brokenWar("broken-model.war");
    }

    @Test
    void theDeploymentFailsWithADefinitionException() {
        // Arquillian checks @ShouldThrowException before any test runs
    }
}
