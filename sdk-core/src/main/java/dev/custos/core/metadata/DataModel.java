// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.metadata;

import dev.custos.core.policy.PolicyPack;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The validated personal-data model of an application: every annotated entity, bound to one policy
 * pack. Built once at deployment by {@link ModelReader}; immutable and thread-safe.
 *
 * @param pack     the policy pack the retention rules were resolved against
 * @param entities the annotated entities, in the order given
 */
public record DataModel(PolicyPack pack, List<EntityModel> entities) {

    public DataModel {
        Objects.requireNonNull(pack, "pack");
        entities = List.copyOf(entities);
    }

    public Optional<EntityModel> entity(Class<?> type) {
        return entities.stream().filter(e -> e.type().equals(type)).findFirst();
    }

    public Optional<EntityModel> entity(String name) {
        return entities.stream().filter(e -> e.name().equals(name)).findFirst();
    }
}
