// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.Message;
import dev.custos.jpa.access.AccessRefusedException;
import dev.custos.jpa.access.Caller;
import dev.custos.jpa.internal.store.StoreMessages;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The roles a unit's services check callers against, read once at start: who sees no personal data, who changes
 * nothing through a service, who may read the audit trail, and who decides erasure lines. Custos itself (a system caller) is in none and may
 * do everything. Immutable.
 *
 * @param noContent   roles refused every annotated attribute
 * @param readOnly    roles whose callers change nothing through Custos' services
 * @param auditorRole the role the audit queries require
 * @param deciderRole the role listing and deciding erasure lines left for a person's decision requires
 */
public record ServiceRoles(List<String> noContent, List<String> readOnly, String auditorRole, String deciderRole) {

    public ServiceRoles {
        noContent = List.copyOf(noContent);
        readOnly = List.copyOf(readOnly);
        Objects.requireNonNull(auditorRole, "auditorRole");
        Objects.requireNonNull(deciderRole, "deciderRole");
    }

    /** The first of {@link #noContent} {@code caller} is in, if any. */
    public Optional<String> noContentRole(Caller caller) {
        return firstRole(caller, noContent);
    }

    /**
     * Refuses {@code operation}, a change through a service, to a caller in a read-only role.
     *
     * @throws AccessRefusedException {@code CUSTOS-04260}
     */
    public void refuseChange(Caller caller, String operation) {
        Optional<String> role = firstRole(caller, readOnly);
        if (role.isPresent()) {
            Message reason = StoreMessages.readOnlyCaller(caller.name(), operation, role.get());
            throw new AccessRefusedException(reason, List.of(reason));
        }
    }

    /**
     * Refuses {@code operation}, an audit query, to a caller without the auditor role.
     *
     * @throws AccessRefusedException {@code CUSTOS-04261}
     */
    public void requireAuditor(Caller caller, String operation) {
        if (!caller.system() && !caller.inRole(auditorRole)) {
            Message reason = StoreMessages.auditorRequired(caller.name(), operation, auditorRole);
            throw new AccessRefusedException(reason, List.of(reason));
        }
    }

    private static Optional<String> firstRole(Caller caller, List<String> roles) {
        if (caller.system()) {
            return Optional.empty();
        }
        return roles.stream().filter(caller::inRole).findFirst();
    }
}
