// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.access;

import dev.custos.core.policy.PolicyPack;
import dev.custos.jpa.EntityMapping;
import java.util.Objects;
import java.util.Optional;

/**
 * One access that policies decide on: {@code caller} does {@code kind} to {@code entity}, whose personal data
 * belongs to {@code subjectId}, under {@code purpose} if one is in effect.
 *
 * @param entity the entity instance as loaded or about to be written; policies may read it but must not change it
 */
public record AccessCheck(AccessKind kind, Caller caller, Optional<String> purpose, EntityMapping mapping,
                          Object entity, String subjectId, PolicyPack pack) {

    public AccessCheck {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(pack, "pack");
    }
}
