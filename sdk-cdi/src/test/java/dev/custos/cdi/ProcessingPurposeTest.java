// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.cdi.internal.CustosExtension;
import dev.custos.cdi.internal.ProcessingPurposeInterceptor;
import dev.custos.cdi.internal.SecurityContextCallerSource;
import dev.custos.jpa.access.Caller;
import dev.custos.jpa.access.ProcessingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

/** The purpose interceptor on plain CDI beans, in Java SE with Weld. */
@EnableWeld
class ProcessingPurposeTest {

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(WeldInitiator.createWeld().addExtension(new CustosExtension())
            .addBeanClasses(ProcessingPurposeInterceptor.class, SecurityContextCallerSource.class, Clinic.class,
                    Billing.class)).activate(ApplicationScoped.class).build();

    @Inject
    Clinic clinic;

    @Inject
    Billing billing;

    @ApplicationScoped
    @ProcessingPurpose("treatment")
    public static class Clinic {
        @Inject
        Billing billing;

        public Optional<String> purpose() {
            return ProcessingContext.purpose();
        }

        @ProcessingPurpose("research")
        public Optional<String> research() {
            return ProcessingContext.purpose();
        }

        /** The purpose seen inside billing, then the one in effect again here. */
        public String[] callsBilling() {
            String inner = billing.purpose().orElse("none");
            return new String[] {inner, ProcessingContext.purpose().orElse("none")};
        }

        public void fails() {
            throw new IllegalStateException("boom");
        }
    }

    @ApplicationScoped
    public static class Billing {
        @ProcessingPurpose("invoicing")
        public Optional<String> purpose() {
            return ProcessingContext.purpose();
        }

        public Optional<String> unannotated() {
            return ProcessingContext.purpose();
        }
    }

    @Test
    void theClassPurposeAppliesToItsMethodsAndAMethodPurposeWins() {
        assertThat(clinic.purpose()).contains("treatment");
        assertThat(clinic.research()).contains("research");
        assertThat(ProcessingContext.purpose()).isEmpty();
    }

    @Test
    void nestedPurposesApplyInsideAndTheOuterOneAgainAfterwards() {
        assertThat(clinic.callsBilling()).containsExactly("invoicing", "treatment");
        assertThat(billing.unannotated()).isEmpty();
    }

    @Test
    void theScopeClosesWhenTheMethodThrows() {
        assertThatThrownBy(clinic::fails).hasMessage("boom");
        assertThat(ProcessingContext.purpose()).isEmpty();
    }

    @Test
    void anExplicitCallerOfAnOuterScopeStaysTheCallerInside() {
        try (ProcessingContext.Scope job = ProcessingContext.open("batch", Caller.named("nightly-job", Set.of()))) {
            assertThat(clinic.purpose()).contains("treatment");
            assertThat(ProcessingContext.scopeCaller()).map(Caller::name).contains("nightly-job");
        }
    }
}
