// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.hibernate;

import dev.custos.jpa.EntityMapping;
import dev.custos.jpa.internal.RowTable;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.BasicValuedModelPart;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.type.descriptor.ValueBinder;

/** An entity's table as Hibernate maps it ({@link RowTable}). Stateless and thread-safe. */
public final class HibernateTables {

    private HibernateTables() {
    }

    /** See {@link RowTable#of}; values are bound by each column's JDBC mapping, converters applied. */
    public static Optional<RowTable> of(EntityManager em, EntityMapping mapping, Collection<String> attributes) {
        SharedSessionContractImplementor session = em.unwrap(SharedSessionContractImplementor.class);
        EntityPersister persister = session.getFactory().getMappingMetamodel().getEntityDescriptor(mapping.type());
        if (persister.getSoftDeleteMapping() != null
                || !(persister instanceof AbstractEntityPersister tables)
                || tables.getTableSpan() != 1 || tables.getSubclassTableSpan() != 1
                || !(persister.getIdentifierMapping() instanceof BasicValuedModelPart id)) {
            return Optional.empty();
        }
        String table = id.getContainingTableExpression();
        Map<String, BasicValuedModelPart> parts = new HashMap<>();
        parts.put(mapping.idAttribute(), id);
        for (String attribute : attributes) {
            AttributeMapping part = persister.findAttributeMapping(attribute);
            if (!(part instanceof BasicValuedModelPart basic) || basic.isFormula()
                    || !table.equals(basic.getContainingTableExpression())) {
                return Optional.empty();
            }
            parts.put(attribute, basic);
        }
        if (mapping.version().isPresent()) {
            if (persister.getVersionMapping() == null
                    || !table.equals(persister.getVersionMapping().getContainingTableExpression())) {
                return Optional.empty();
            }
            parts.put(mapping.version().get().attribute(), persister.getVersionMapping());
        }
        Map<String, String> columns = new HashMap<>();
        parts.forEach((attribute, part) -> columns.put(attribute, part.getSelectionExpression()));
        return Optional.of(new RowTable(table, columns, (statement, index, attribute, value) -> {
            JdbcMapping jdbc = parts.get(attribute).getJdbcMapping();
            @SuppressWarnings("unchecked")
            ValueBinder<Object> binder = (ValueBinder<Object>) jdbc.getJdbcValueBinder();
            binder.bind(statement, jdbc.convertToRelationalValue(value), index, session);
        }));
    }
}
