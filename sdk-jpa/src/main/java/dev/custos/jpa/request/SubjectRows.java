// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.request;

import dev.custos.jpa.EntityMapping;
import dev.custos.jpa.internal.ProjectionGuard;
import dev.custos.jpa.internal.SubjectTraces;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.persistence.metamodel.Metamodel;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads a subject's rows of one entity as raw attribute values, with JPQL projections
 * ({@code SELECT e.id, e.a, e.b FROM E e WHERE e.<subject> = :subject}). No entity is loaded, so the access
 * guard's consent check does not apply: a data-subject request discloses the subject's own data under
 * GDPR Art. 15, whatever the purpose the data is otherwise processed for. Rows come in keyset-ordered pages of
 * {@value #PAGE}, so memory stays bounded by one page however many rows the subject has.
 */
final class SubjectRows {

    static final int PAGE = 500;

    /** One row: its id and the values of the attributes asked for, in the order asked. */
    record Row(Object id, List<Object> values) {
    }

    private final Metamodel metamodel;

    SubjectRows(Metamodel metamodel) {
        this.metamodel = metamodel;
    }

    /** How many rows of the entity belong to the subject; 0 when the subject id cannot be of its type. */
    long count(EntityManager em, EntityMapping mapping, String subjectId) {
        Optional<Object> subject = subjectValue(mapping, subjectId);
        if (subject.isEmpty()) {
            return 0;
        }
        return em.createQuery("SELECT COUNT(e) FROM " + mapping.entityName() + " e WHERE e." + mapping.subjectPath()
                + " = :subject", Long.class).setParameter("subject", subject.get()).getSingleResult();
    }

    /** What to do with one page of rows. */
    @FunctionalInterface
    interface PageHandler {
        void accept(List<Row> rows) throws SQLException;
    }

    /** Calls {@code page} with each page of the subject's rows, in id order. */
    void forEachPage(EntityManager em, EntityMapping mapping, String subjectId, List<String> attributes,
                     PageHandler page) throws SQLException {
        Optional<Object> subject = subjectValue(mapping, subjectId);
        if (subject.isEmpty()) {
            return;
        }
        StringBuilder select = new StringBuilder("SELECT e.").append(mapping.idAttribute());
        for (String attribute : attributes) {
            select.append(", e.").append(attribute);
        }
        String from = " FROM " + mapping.entityName() + " e WHERE e." + mapping.subjectPath() + " = :subject";
        String order = " ORDER BY e." + mapping.idAttribute();
        Object after = null;
        while (true) {
            TypedQuery<Object[]> query = em.createQuery(select + from
                    + (after == null ? "" : " AND e." + mapping.idAttribute() + " > :after") + order, Object[].class)
                    .setParameter("subject", subject.get())
                    .setMaxResults(PAGE);
            if (after != null) {
                query.setParameter("after", after);
            }
            // the export reads the subject's values as a projection, which callers outside Custos may not
            List<Object[]> rows = ProjectionGuard.ownResults(query);
            if (rows.isEmpty()) {
                return;
            }
            List<Row> result = new ArrayList<>(rows.size());
            for (Object[] row : rows) {
                result.add(new Row(row[0], Arrays.asList(row).subList(1, row.length)));
            }
            page.accept(result);
            if (rows.size() < PAGE) {
                return;
            }
            after = rows.get(rows.size() - 1)[0];
            em.clear();
        }
    }

    /** Whether row {@code id} of the entity exists and belongs to the subject. */
    boolean ownedBy(EntityManager em, EntityMapping mapping, Object id, String subjectId) {
        Optional<Object> subject = subjectValue(mapping, subjectId);
        return subject.isPresent() && em.createQuery("SELECT COUNT(e) FROM " + mapping.entityName() + " e WHERE e."
                        + mapping.idAttribute() + " = :id AND e." + mapping.subjectPath() + " = :subject", Long.class)
                .setParameter("id", id).setParameter("subject", subject.get()).getSingleResult() > 0;
    }

    /** The Java type of the entity's id. */
    Class<?> idType(EntityMapping mapping) {
        return attributeType(mapping, mapping.idAttribute());
    }

    /** The Java type of one of the entity's attributes. */
    Class<?> attributeType(EntityMapping mapping, String attribute) {
        return metamodel.entity(mapping.type()).getAttribute(attribute).getJavaType();
    }

    /** The subject id as a value of the type at the end of the entity's subject path. */
    private Optional<Object> subjectValue(EntityMapping mapping, String subjectId) {
        return SubjectTraces.subjectValue(metamodel, mapping, subjectId);
    }
}
