// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal;

import dev.custos.jpa.access.AccessCheck;
import dev.custos.jpa.access.AccessPolicy;
import dev.custos.jpa.access.AccessVerdict;
import dev.custos.jpa.access.Caller;
import jakarta.annotation.PostConstruct;
import dev.custos.jpa.CustosSetting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Callers in a read-only role (by default {@code custos-auditor}, setting {@code custos.roles.read-only}) change
 * no personal data: an auditor checks, and must not be able to alter what is checked. This policy refuses their
 * entity writes; sdk-jpa's services refuse their changes through a service
 * ({@code CustosRuntime.refuseReadOnlyCaller}), with the same roles. Whether they read personal data is decided
 * apart: the roles of {@code custos.roles.no-content} (by default {@code custos-auditor} too) are refused every
 * annotated attribute, and read the audit trail through {@code AuditService} instead.
 */
@ApplicationScoped
public class ReadOnlyRolesPolicy implements AccessPolicy {

    /** The default read-only role, which is also the role the audit queries require. */
    public static final String AUDITOR = CustosSetting.AUDITOR_ROLE.defaultValue().orElseThrow();

    @Inject
    CustosExtension extension;

    private List<String> roles;

    @PostConstruct
    void configure() {
        roles = extension.settings().list(CustosSetting.READ_ONLY_ROLES);
    }

    @Override
    public AccessVerdict check(AccessCheck check) {
        if (check.kind().writes()) {
            for (String role : roles) {
                if (check.caller().inRole(role)) {
                    return AccessVerdict.deny(CdiMessages.readOnlyRole(role));
                }
            }
        }
        return AccessVerdict.permit();
    }
}
