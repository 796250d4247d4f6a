// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.retention;

import dev.custos.core.CustosException;
import dev.custos.core.annotation.ErasureStrategy;
import dev.custos.core.metadata.PersonalDataAttribute;
import dev.custos.jpa.EntityMapping;
import dev.custos.jpa.internal.Erasure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/** How the sweep groups a unit's personal data: the {@link SweepGroup}s it reads and erases together. */
final class SweepPlan {

    private SweepPlan() {
    }

    /** The sweep's groups of the runtime's unit, with attribute types from its JPA metamodel. */
    static List<SweepGroup> groups(dev.custos.jpa.CustosRuntime runtime) {
        return groups(runtime.mappings(), (type, attribute) -> runtime.entityManagerFactory().getMetamodel()
                .entity(type).getAttribute(attribute).getJavaType());
    }

    /**
     * The sweep's groups: per entity, per (rule, anchor), with a scope per strategy, in declaration order;
     * CRYPTO_SHRED in a group of its own.
     *
     * @param attributeTypes the Java type of an entity class's attribute (from the JPA metamodel)
     */
    static List<SweepGroup> groups(List<EntityMapping> mappings, BiFunction<Class<?>, String, Class<?>> attributeTypes) {
        List<SweepGroup> groups = new ArrayList<>();
        for (EntityMapping mapping : mappings) {
            Function<String, Class<?>> javaType = name -> attributeTypes.apply(mapping.type(), name);
            Map<String, List<PersonalDataAttribute>> byKey = new LinkedHashMap<>();
            for (PersonalDataAttribute attribute : mapping.model().attributes()) {
                byKey.computeIfAbsent(attribute.rule().id() + "\u0000" + attribute.anchor(), k -> new ArrayList<>())
                        .add(attribute);
            }
            boolean deletes = mapping.model().attributes().stream().anyMatch(a -> a.erasure() == ErasureStrategy.DELETE_ROW);
            long rules = mapping.model().attributes().stream().map(a -> a.rule().id() + " after " + a.anchor())
                    .distinct().count();
            if (deletes && rules > 1) {
                throw new CustosException(SweepMessages.deleteRowWithSeveralRules(mapping.entityName(),
                        String.join(", ", mapping.model().attributes().stream().map(a -> a.name() + ": "
                                + a.rule().id()).toList())));
            }
            if (deletes) {
                // one rule for the whole row: a single DELETE_ROW group covers every attribute
                List<PersonalDataAttribute> all = mapping.model().attributes();
                PersonalDataAttribute first = all.get(0);
                groups.add(new SweepGroup(mapping, first.rule(), first.anchor(), anchorType(mapping, first, javaType),
                        ErasureStrategy.DELETE_ROW, all, Map.of()));
                continue;
            }
            for (List<PersonalDataAttribute> attributes : byKey.values()) {
                // one group per rule and anchor, so a row's attributes due together are erased in one
                // transaction; CRYPTO_SHRED, which destroys the subject's key and touches no column, apart
                Map<ErasureStrategy, List<PersonalDataAttribute>> byStrategy = new LinkedHashMap<>();
                attributes.forEach(a -> byStrategy.computeIfAbsent(a.erasure(), k -> new ArrayList<>()).add(a));
                PersonalDataAttribute first = attributes.get(0);
                List<Erasure.Scope> scopes = new ArrayList<>();
                byStrategy.forEach((strategy, sharing) -> {
                    Map<String, Class<?>> copies = new LinkedHashMap<>();
                    sharing.forEach(a -> a.derivedCopies().forEach(copy -> copies.put(copy, javaType.apply(copy))));
                    Erasure.Scope scope = new Erasure.Scope(mapping, strategy, sharing, copies);
                    if (strategy == ErasureStrategy.CRYPTO_SHRED) {
                        groups.add(new SweepGroup(mapping, first.rule(), first.anchor(), anchorType(mapping, first, javaType),
                                List.of(scope)));
                    } else {
                        scopes.add(scope);
                    }
                });
                if (!scopes.isEmpty()) {
                    groups.add(new SweepGroup(mapping, first.rule(), first.anchor(),
                            anchorType(mapping, first, javaType), scopes));
                }
            }
        }
        return List.copyOf(groups);
    }

    private static Class<?> anchorType(EntityMapping mapping, PersonalDataAttribute attribute,
                                       Function<String, Class<?>> javaType) {
        if (attribute.anchor().isEmpty()) {
            return null;
        }
        return mapping.model().clock(attribute.anchor()).<Class<?>>map(c -> c.dateType())
                .orElseGet(() -> javaType.apply(attribute.anchor()));
    }
}
