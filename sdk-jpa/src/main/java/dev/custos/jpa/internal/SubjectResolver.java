// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.CustosException;
import dev.custos.jpa.EntityMapping;
import jakarta.persistence.PersistenceUnitUtil;

/**
 * Finds whose data an entity is, and its id. Relations are resolved through the provider's
 * {@link PersistenceUnitUtil}, which reads the id of a lazy proxy without loading it.
 */
public final class SubjectResolver {

    private final PersistenceUnitUtil util;

    public SubjectResolver(PersistenceUnitUtil util) {
        this.util = util;
    }

    /** The data subject's id, as text; never null (a row without a subject cannot be checked, so it fails). */
    public String subjectId(Object entity, EntityMapping mapping) {
        String attribute = mapping.model().subjectAttribute();
        Object value = AttributeAccess.get(entity, attribute);
        if (value != null && mapping.subjectPath().contains(".")) {
            value = util.getIdentifier(value);
        }
        if (value == null) {
            throw new CustosException(JpaMessages.noSubject(mapping.entityName(),
                    String.valueOf(entityId(entity)), attribute));
        }
        return value.toString();
    }

    public Object entityId(Object entity) {
        return util.getIdentifier(entity);
    }
}
