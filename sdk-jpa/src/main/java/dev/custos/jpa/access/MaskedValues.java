// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.access;

import dev.custos.core.CustosException;
import dev.custos.jpa.internal.ProviderHooks;
import jakarta.persistence.EntityManager;
import java.util.Objects;

/**
 * Clearing a personal-data attribute on purpose. Custos masks an attribute the caller may not read
 * ({@code whenDenied = MASK}) by setting it to null, and keeps the stored value when the entity is saved. So a plain
 * {@code setEmail(null)} on a masked attribute cannot be told from the mask and changes nothing. To clear such an
 * attribute, call {@link #clear}: its null is then written, held to the same right as any other value written
 * there.
 * <pre>{@code
 * Patron patron = em.find(Patron.class, id);
 * MaskedValues.clear(em, patron, "email");   // written at the flush, even when email was masked
 * }</pre>
 * Thread-safety: call it on the thread that uses {@code em}, as every use of an entity manager.
 */
public final class MaskedValues {

    private MaskedValues() {
    }

    /**
     * Sets {@code attribute} of {@code entity} to null and makes the next flush write that null, whether or not
     * Custos masked the attribute when the entity was loaded. The write of a masked attribute is checked when the
     * row is written, under the purpose then in effect: a caller who may not process the attribute is refused
     * ({@code CUSTOS-04450}, audited as {@code WRITE_DENIED}, the transaction fails); otherwise the update is
     * written and audited like any other change of the attribute. Clearing an attribute that was not masked is a
     * plain write of null.
     *
     * @param em        the entity manager that manages {@code entity}
     * @param entity    a managed entity
     * @param attribute the name of the persistent attribute to clear
     * @throws CustosException {@code CUSTOS-04442} if {@code em} does not manage {@code entity}
     */
    public static void clear(EntityManager em, Object entity, String attribute) {
        ProviderHooks.clearMasked(Objects.requireNonNull(em, "em"), Objects.requireNonNull(entity, "entity"),
                Objects.requireNonNull(attribute, "attribute"));
    }
}
