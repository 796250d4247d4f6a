// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.custos.cdi.testing.CdiClinic;
import dev.custos.cdi.testing.TestCallers;
import dev.custos.cdi.testmodel.Session;
import dev.custos.core.Message;
import dev.custos.jpa.access.AccessRefusedException;
import jakarta.persistence.EntityManagerFactory;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** The CDI guide's access-policy bean does what the guide says (docs/cdi-guide.md shows it word for word). */
class CdiGuideTest {

    @Test
    void anAccessPolicyBeanIsPickedUpWithoutRegistrationAndDeniesTraineesWrites() {
        try (WeldContainer container = CdiClinic.weld(TraineesReadOnly.class).initialize()) {
            EntityManagerFactory emf = container.select(EntityManagerFactory.class).get();
            TestCallers callers = container.select(TestCallers.class).get();
            CdiClinic.store(emf, "treatment", new Session(1L, "client-1", "first"));

            callers.set("tove", "trainee");
            Throwable thrown = catchThrowable(() -> CdiClinic.store(emf, "treatment", new Session(2L, "client-1", "second")));
            AccessRefusedException refused = null;
            for (Throwable t = thrown; t != null && refused == null; t = t.getCause()) {
                refused = t instanceof AccessRefusedException r ? r : null;
            }
            assertThat(refused).isNotNull();
            assertThat(refused.reasons()).extracting(Message::code).containsExactly("CUSTOS-90001");
        }
    }
}
