// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.jpa.access.Caller;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.util.Set;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Without a Jakarta Security {@code SecurityContext} bean (WildFly offers none to an application with no Jakarta
 * Security mechanism or identity store), the caller is the servlet request's user, as the web container
 * authenticated it, with its roles. Weld SE has no {@code SecurityContext}; the servlet request is produced here as
 * a Jakarta EE server's built-in bean gives it.
 */
@EnableWeld
class SecurityContextCallerSourceTest {

    /** The request of the current test; none: outside a request. */
    static HttpServletRequest current;

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(SecurityContextCallerSource.class, SecurityContextCallerSourceTest.class)
            .build();

    @Inject
    SecurityContextCallerSource callers;

    @Produces
    HttpServletRequest request() {
        if (current == null) {
            throw new ContextNotActiveException("no servlet request");
        }
        return current;
    }

    @AfterEach
    void noRequest() {
        current = null;
    }

    @Test
    void theCallerIsTheRequestsAuthenticatedUserWithTheRolesTheContainerGivesIt() {
        current = request("dr-berg", Set.of("clinician"));
        Caller caller = callers.current();
        assertThat(caller.name()).isEqualTo("dr-berg");
        assertThat(caller.inRole("clinician")).isTrue();
        assertThat(caller.inRole("custos-auditor")).isFalse();
    }

    @Test
    void aRequestNobodyIsAuthenticatedInIsAnonymousAndWorkOutsideARequestUnauthenticated() {
        current = request(null, Set.of());
        assertThat(callers.current().name()).isEqualTo(SecurityContextCallerSource.ANONYMOUS);
        current = null;
        assertThat(callers.current().name()).isEqualTo(Caller.UNAUTHENTICATED.name());
        assertThat(callers.current().inRole("clinician")).isFalse();
    }

    private static HttpServletRequest request(String user, Set<String> roles) {
        Principal principal = user == null ? null : () -> user;
        return (HttpServletRequest) Proxy.newProxyInstance(SecurityContextCallerSourceTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getUserPrincipal" -> principal;
                    case "isUserInRole" -> principal != null && roles.contains((String) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
