// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.custos.cdi.broken.BrokenRecord;
import dev.custos.cdi.internal.CustosExtension;
import dev.custos.cdi.internal.ProcessingPurposeInterceptor;
import dev.custos.cdi.testmodel.Enquiry;
import dev.custos.cdi.testmodel.JournalNote;
import dev.custos.cdi.testmodel.Session;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Mistakes CDI can see fail the deployment, each with its numbered message, all at once. */
class DeploymentValidationTest {

    @BeforeEach
    void pack() {
        System.setProperty("custos.pack", "dk");
    }

    @AfterEach
    void clear() {
        System.clearProperty("custos.pack");
    }

    @ApplicationScoped
    @ProcessingPurpose(" ")
    public static class Blank {
        @ProcessingPurpose("")
        public void work() {
        }
    }

    private static Weld weld(Class<?>... classes) {
        return new Weld().disableDiscovery().addExtension(new CustosExtension())
                .addBeanClass(ProcessingPurposeInterceptor.class).addBeanClasses(classes);
    }

    private static List<String> messages(Throwable thrown) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
            for (Throwable suppressed : t.getSuppressed()) {
                messages.add(String.valueOf(suppressed.getMessage()));
            }
        }
        return messages;
    }

    @Test
    void everyProblemOfABrokenEntityFailsTheDeploymentNamingClassAndField() {
        Throwable thrown = catchThrowable(() -> weld(BrokenRecord.class).initialize().close());
        String all = String.join("\n", messages(thrown));
        assertThat(thrown).isNotNull();
        assertThat(all).contains("CUSTOS-01002: " + BrokenRecord.class.getName())
                .contains(BrokenRecord.class.getName() + ".phone").contains("no-such-rule")
                .contains(BrokenRecord.class.getName() + ".email").contains("P5Q");
    }

    @Test
    void aBlankPurposeFailsTheDeployment() {
        Throwable thrown = catchThrowable(() -> weld(Blank.class).initialize().close());
        String all = String.join("\n", messages(thrown));
        assertThat(all).contains("CUSTOS-05001").contains(Blank.class.getName() + ".work")
                .contains(Blank.class.getName() + " ");
    }

    @Test
    void aCorrectModelDeploysAndTheExtensionSawIt() {
        try (WeldContainer container = weld(Session.class).initialize()) {
            CustosExtension extension = container.select(CustosExtension.class).get();
            // the one CDI saw, and those the unit lists although no bean archive holds them
            assertThat(extension.annotatedEntities()).containsExactlyInAnyOrder(Session.class, Enquiry.class,
                    JournalNote.class);
        }
    }
}
