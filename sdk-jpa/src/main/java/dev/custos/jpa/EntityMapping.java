// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa;

import dev.custos.core.metadata.EntityModel;
import java.util.Objects;
import java.util.Optional;

/**
 * An annotated entity as JPA maps it: the validated model from sdk-core plus the paths Custos needs in
 * JPQL to address its rows set by set.
 *
 * @param model       the validated personal-data model
 * @param idAttribute the entity's {@code @Id} attribute
 * @param subjectPath the JPQL path to the data subject's id, relative to the entity: the {@code @DataSubject}
 *                    attribute itself, or {@code relation.id} when it is a to-one relation
 * @param version     the {@code @Version} attribute and whether it is numeric (else a timestamp); empty if none
 */
public record EntityMapping(EntityModel model, String idAttribute, String subjectPath, Optional<Version> version) {

    /** An entity's {@code @Version} attribute. */
    public record Version(String attribute, boolean numeric) {
    }

    public EntityMapping {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(idAttribute, "idAttribute");
        Objects.requireNonNull(subjectPath, "subjectPath");
        Objects.requireNonNull(version, "version");
    }

    /** A mapping of an entity without a {@code @Version} attribute. */
    public EntityMapping(EntityModel model, String idAttribute, String subjectPath) {
        this(model, idAttribute, subjectPath, Optional.empty());
    }

    /**
     * The JPQL assignment that moves the version on, for bulk statements: a copy of the row loaded before a bulk
     * erasure then fails with an optimistic-lock error instead of writing the erased values back. Empty without
     * {@code @Version}.
     */
    public Optional<String> versionBump() {
        return version.map(v -> "e." + v.attribute() + " = "
                + (v.numeric() ? "e." + v.attribute() + " + 1" : "CURRENT_TIMESTAMP"));
    }

    public String entityName() {
        return model.name();
    }

    public Class<?> type() {
        return model.type();
    }

    /**
     * The id an audit record names the row by: the row's id, or, where the id is the data subject's own id,
     * the subject's pseudonym, so that the append-only trail never holds the id in clear text.
     */
    public String auditId(String entityId, String subjectRef) {
        return idIsSubject() ? subjectRef : entityId;
    }

    /** Whether the entity's id is its data subject's id, which evidence must then never hold in clear. */
    public boolean idIsSubject() {
        return subjectPath.equals(idAttribute);
    }
}
