// SPDX-License-Identifier: Apache-2.0
package dev.custos.it.cdi.broken;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.Extension;

/**
 * Stands in for the SDK's CDI extension finding a mistake in the annotated model: it reports a definition error
 * with a numbered message that names the class and the field, as the real extension will.
 */
public class BrokenModelExtension implements Extension {

    /** A message id from no range of message-ranges.txt: it exists only in this test. */
    public static final String MESSAGE = "CUSTOS-04999 " + Patient.class.getName()
            + ".email: consent-based personal data needs a purpose. Add purpose = \"...\" to its @PersonalData.";

    void afterBeanDiscovery(@Observes AfterBeanDiscovery event) {
        event.addDefinitionError(new DefinitionException(MESSAGE));
    }
}
