// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.CustosException;
import dev.custos.jpa.EntityMapping;
import dev.custos.core.policy.PolicyPack;
import dev.custos.jpa.internal.store.Jdbc;
import dev.custos.jpa.internal.store.LegalHoldStore;
import dev.custos.jpa.internal.store.RestrictionStore;
import dev.custos.jpa.internal.store.SubjectKeys;
import dev.custos.jpa.internal.store.SubjectChanges;
import jakarta.persistence.EntityManager;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.ManagedType;
import jakarta.persistence.metamodel.Metamodel;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What names a data subject outside the application's rows, and whether any row is left: the one way both an
 * erasure request's full erasure and a retention sweep that erased a subject's last rows replace the subject's
 * id by its pseudonym in {@code custos_restriction} and {@code custos_legal_hold}, and end its pseudonym key.
 * Stateless and thread-safe.
 */
public final class SubjectTraces {


    private SubjectTraces() {
    }

    /**
     * Replaces the subject's id by its pseudonym {@code ref} in every restriction of the subject and in its holds
     * ({@link LegalHoldStore#pseudonymise}), on the caller's connection and transaction: the rows stay as the
     * record that processing was restricted or held, without naming the person.
     */
    public static void pseudonymise(Connection connection, String subjectId, String ref) {
        new SubjectChanges().record(connection, List.of(subjectId)); // its restrictions no longer name it
        try {
            new RestrictionStore().pseudonymise(connection, subjectId, ref);
        } catch (SQLException e) {
            throw new CustosException(JpaMessages.subjectTracesFailed(SanitizedCause.describe(e)), e);
        }
        new LegalHoldStore().pseudonymise(connection, subjectId, ref);
    }

    /**
     * Ends the subject's pseudonym key once nothing of the subject is kept, the last of its ids in Custos' tables:
     * destroyed now, or, where the pack's audit-identity rule keeps erased subjects identifiable for a period,
     * scheduled for its end ({@link SubjectKeys#scheduleShred}). The one rule for a request's full erasure and a
     * sweep's; run it after the erasure's audit records are written, as a later record would make a new key.
     *
     * @return whether there was a key to destroy or schedule
     */
    public static boolean forgetKey(Connection connection, SubjectKeys keys, PolicyPack pack, String subjectId,
                                    Instant now) {
        Optional<Instant> until = keyKeptUntil(pack, now);
        return until.isPresent() ? keys.scheduleShred(connection, subjectId, until.get())
                : keys.shred(connection, subjectId);
    }

    /** When a subject fully erased at {@code now} loses its pseudonym key: empty for at once. */
    public static Optional<Instant> keyKeptUntil(PolicyPack pack, Instant now) {
        return pack.auditIdentity().map(rule -> rule.keptUntil(now, pack.zone()));
    }

    /**
     * The subjects among {@code subjectIds} of which some mapped entity still holds a row: one query per entity
     * and {@value Jdbc#IN_CHUNK} subjects, whatever the number of rows.
     */
    public static Set<String> withRows(EntityManager em, Collection<EntityMapping> mappings,
                                       Collection<String> subjectIds) {
        Set<String> found = new LinkedHashSet<>();
        Metamodel metamodel = em.getMetamodel();
        for (EntityMapping mapping : mappings) {
            Map<Object, String> typed = new HashMap<>();
            subjectIds.forEach(s -> subjectValue(metamodel, mapping, s).ifPresent(v -> typed.put(v, s)));
            List<Object> values = new ArrayList<>(typed.keySet());
            for (List<Object> chunk : Jdbc.chunks(values)) {
                em.createQuery("SELECT DISTINCT e." + mapping.subjectPath() + " FROM " + mapping.entityName()
                                + " e WHERE e." + mapping.subjectPath() + " IN :subjects", Object.class)
                        .setParameter("subjects", chunk)
                        .getResultList().forEach(v -> found.add(typed.get(v)));
            }
        }
        return found;
    }

    /** The subject id as a value of the type at the end of the entity's subject path; empty if it cannot be one. */
    public static Optional<Object> subjectValue(Metamodel metamodel, EntityMapping mapping, String subjectId) {
        ManagedType<?> type = metamodel.managedType(mapping.type());
        Class<?> javaType = String.class;
        String[] path = mapping.subjectPath().split("\\.");
        for (int i = 0; i < path.length; i++) {
            Attribute<?, ?> attribute = type.getAttribute(path[i]);
            javaType = attribute.getJavaType();
            if (i + 1 < path.length) {
                type = metamodel.managedType(javaType);
            }
        }
        return convert(subjectId, javaType);
    }

    /** {@code text} as a value of {@code type}; empty when it is not one. */
    public static Optional<Object> convert(String text, Class<?> type) {
        try {
            if (type == String.class) {
                return Optional.of(text);
            } else if (type == Long.class || type == long.class) {
                return Optional.of(Long.valueOf(text));
            } else if (type == Integer.class || type == int.class) {
                return Optional.of(Integer.valueOf(text));
            } else if (type == UUID.class) {
                return Optional.of(UUID.fromString(text));
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(text);
    }
}
