// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal;

import dev.custos.jpa.access.Caller;
import dev.custos.jpa.access.CallerSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import java.security.Principal;

/**
 * The default caller source: Jakarta Security's {@link SecurityContext}. Without a security context (no
 * Jakarta Security on the server, or work outside a request) the caller is {@link Caller#UNAUTHENTICATED}
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

    @Override
    public Caller current() {
        if (!securityContext.isResolvable()) {
            return Caller.UNAUTHENTICATED;
        }
        SecurityContext context = securityContext.get();
        Principal principal;
        try {
            principal = context.getCallerPrincipal();
        } catch (IllegalStateException outsideARequest) {
            return Caller.UNAUTHENTICATED;
        }
        if (principal == null) {
            return Caller.named(ANONYMOUS, java.util.Set.of());
        }
        return Caller.of(principal.getName(), context::isCallerInRole);
    }
}
