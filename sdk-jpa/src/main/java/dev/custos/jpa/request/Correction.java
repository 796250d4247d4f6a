// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.request;

import java.util.Objects;

/**
 * One correction of a rectification request (GDPR Art. 16): set an attribute of one row to a new value.
 *
 * @param entity    the entity name, as JPA names it (for example {@code Client})
 * @param entityId  the row's id, as text; it is converted to the id's type
 * @param attribute the {@code @PersonalData} attribute to correct
 * @param value     the corrected value, of the attribute's Java type; {@code null} clears it
 */
public record Correction(String entity, String entityId, String attribute, Object value) {

    public Correction {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(attribute, "attribute");
    }
}
