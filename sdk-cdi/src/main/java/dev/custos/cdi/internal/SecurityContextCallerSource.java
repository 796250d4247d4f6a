// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal;

import dev.custos.jpa.access.Caller;
import dev.custos.jpa.access.CallerSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The default caller source: Jakarta Security's {@link SecurityContext}. A server may offer no such bean to an
 * application that defines no Jakarta Security mechanism or identity store (WildFly adds its Jakarta Security
 * implementation only to those), although the web container authenticates its callers (a {@code login-config} in
 * {@code web.xml}); the caller is then the servlet request's user with its roles. Without either (no Jakarta
 * Security on the server, or work outside a request) the caller is {@link Caller#UNAUTHENTICATED}
 * ({@code unauthenticated}); in a request nobody is authenticated in, it is {@code anonymous}; both in no role.
 * Replace it with an {@code @Alternative @Priority} bean of type
 * {@link CallerSource} to take callers from elsewhere.
 */
@ApplicationScoped
public class SecurityContextCallerSource implements CallerSource {

    /** The caller's name when nobody is authenticated. */
    public static final String ANONYMOUS = "anonymous";

    @Inject
    Instance<SecurityContext> securityContext;

    /** CDI's built-in bean for the current servlet request, in a Jakarta EE server. */
    @Inject
    Instance<HttpServletRequest> servletRequest;

    @Override
    public Caller current() {
        if (securityContext.isResolvable()) {
            SecurityContext context = securityContext.get();
            try {
                return caller(context.getCallerPrincipal(), context::isCallerInRole);
            } catch (IllegalStateException outsideARequest) {
                return Caller.UNAUTHENTICATED;
            }
        }
        if (servletRequest.isResolvable()) {
            try {
                HttpServletRequest request = servletRequest.get();
                return caller(request.getUserPrincipal(), request::isUserInRole);
            } catch (IllegalStateException | ContextNotActiveException outsideARequest) {
                return Caller.UNAUTHENTICATED;
            }
        }
        return Caller.UNAUTHENTICATED;
    }

    private static Caller caller(Principal principal, Predicate<String> inRole) {
        return principal == null ? Caller.named(ANONYMOUS, Set.of()) : Caller.of(principal.getName(), inRole);
    }
}
