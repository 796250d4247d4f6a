// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.hibernate;

import dev.custos.jpa.EntityMapping;
import dev.custos.jpa.internal.RowTable;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.AttributeMappingsList;
import org.hibernate.metamodel.mapping.BasicValuedModelPart;
import org.hibernate.metamodel.mapping.EmbeddableValuedModelPart;
import org.hibernate.metamodel.mapping.EntityIdentifierMapping;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.metamodel.mapping.PluralAttributeMapping;
import org.hibernate.persister.collection.AbstractCollectionPersister;
import org.hibernate.persister.collection.CollectionPersister;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.type.descriptor.ValueBinder;

/** An entity's tables as Hibernate maps them ({@link RowTable}). Stateless and thread-safe. */
public final class HibernateTables {

    private HibernateTables() {
    }

    /** See {@link RowTable#of}; values are bound by each column's JDBC mapping, converters applied. */
    public static Optional<RowTable> of(EntityManager em, EntityMapping mapping, Collection<String> attributes,
                                        boolean deleted) {
        SharedSessionContractImplementor session = em.unwrap(SharedSessionContractImplementor.class);
        EntityPersister persister = session.getFactory().getMappingMetamodel().getEntityDescriptor(mapping.type());
        if (persister.getSoftDeleteMapping() != null
                || !(persister instanceof AbstractEntityPersister entity)
                || !(persister.getIdentifierMapping() instanceof BasicValuedModelPart id)) {
            return Optional.empty();
        }
        // a subclass of joined inheritance names its own table as the id's: the root's is the first
        String table = entity.getTableName(0);
        String[] idColumns = entity.getKeyColumns(0);
        if (idColumns.length != 1) {
            return Optional.empty();
        }
        List<AbstractEntityPersister> hierarchy = new ArrayList<>();
        for (String name : persister.getSubclassEntityNames()) {
            if (!(session.getFactory().getMappingMetamodel().getEntityDescriptor(name)
                    instanceof AbstractEntityPersister sub) || !table.equals(sub.getTableName(0))) {
                return Optional.empty(); // a table per concrete class: rows of subclasses live elsewhere
            }
            hierarchy.add(sub);
        }
        // deeper classes of joined inheritance have more tables, whose rows go before their parents'
        hierarchy.sort(Comparator.comparingInt(AbstractEntityPersister::getTableSpan).reversed());
        Map<String, String> keyed = new LinkedHashMap<>();
        if (deleted && !collectionTables(hierarchy, keyed)) {
            return Optional.empty();
        }
        for (AbstractEntityPersister p : hierarchy) {
            for (int j = p.getTableSpan() - 1; j > 0; j--) {
                String[] key = p.getKeyColumns(j);
                if (key.length != 1) {
                    return Optional.empty();
                }
                keyed.putIfAbsent(p.getTableName(j), key[0]);
            }
        }
        Map<String, BasicValuedModelPart> parts = new HashMap<>();
        parts.put(mapping.idAttribute(), id);
        Map<String, List<RowTable.Column>> columns = new HashMap<>();
        for (String attribute : attributes) {
            AttributeMapping part = persister.findAttributeMapping(attribute);
            List<RowTable.Column> in = new ArrayList<>();
            if (part instanceof BasicValuedModelPart basic) {
                parts.put(attribute, basic);
                in.add(new RowTable.Column(basic.getContainingTableExpression(), basic.getSelectionExpression()));
            } else if (part instanceof EmbeddableValuedModelPart embedded) {
                boolean[] formula = {false};
                embedded.forEachSelectable(0, (index, selectable) -> {
                    formula[0] |= selectable.isFormula();
                    in.add(new RowTable.Column(selectable.getContainingTableExpression(),
                            selectable.getSelectionExpression()));
                });
                if (formula[0]) {
                    return Optional.empty();
                }
            }
            if (in.isEmpty() || part instanceof BasicValuedModelPart basic && basic.isFormula()
                    || in.stream().anyMatch(c -> !table.equals(c.table()) && !keyed.containsKey(c.table()))) {
                return Optional.empty();
            }
            columns.put(attribute, in);
        }
        if (mapping.version().isPresent()) {
            if (persister.getVersionMapping() == null
                    || !table.equals(persister.getVersionMapping().getContainingTableExpression())) {
                return Optional.empty();
            }
            parts.put(mapping.version().get().attribute(), persister.getVersionMapping());
            columns.put(mapping.version().get().attribute(), List.of(new RowTable.Column(table,
                    persister.getVersionMapping().getSelectionExpression())));
        }
        List<RowTable.Column> keys = new ArrayList<>();
        keyed.forEach((name, key) -> keys.add(new RowTable.Column(name, key)));
        return Optional.of(new RowTable(table, idColumns[0], columns, keys,
                (statement, index, attribute, value) -> {
                    BasicValuedModelPart part = parts.get(attribute);
                    if (part == null) {
                        throw new IllegalArgumentException("no single column: " + attribute);
                    }
                    JdbcMapping jdbc = part.getJdbcMapping();
                    @SuppressWarnings("unchecked")
                    ValueBinder<Object> binder = (ValueBinder<Object>) jdbc.getJdbcValueBinder();
                    binder.bind(statement, jdbc.convertToRelationalValue(value), index, session);
                }));
    }

    /**
     * Adds the collection tables whose rows the provider's bulk delete clears with the entity's (element
     * collections, the owning side of many-to-many) to {@code keyed}; false where another kind of collection
     * would need the provider (a unidirectional one-to-many, the inverse side of a many-to-many, a collection in
     * an embeddable).
     */
    private static boolean collectionTables(List<AbstractEntityPersister> hierarchy, Map<String, String> keyed) {
        for (AbstractEntityPersister p : hierarchy) {
            AttributeMappingsList all = p.getAttributeMappings();
            for (int i = 0; i < all.size(); i++) {
                AttributeMapping attribute = all.get(i);
                if (attribute instanceof EmbeddableValuedModelPart embedded
                        && hasCollection(embedded.getEmbeddableTypeDescriptor().getAttributeMappings())) {
                    return false;
                }
                if (!(attribute instanceof PluralAttributeMapping plural)) {
                    continue;
                }
                CollectionPersister collection = plural.getCollectionDescriptor();
                if (collection.isOneToMany() && collection.isInverse()) {
                    continue; // the other entity's rows hold the key: nothing of this row to clear
                }
                if (collection.isOneToMany() || collection.isInverse()
                        || !(collection instanceof AbstractCollectionPersister table)
                        || table.getKeyColumnNames().length != 1
                        || !(plural.getKeyDescriptor().getTargetPart() instanceof EntityIdentifierMapping)) {
                    return false;
                }
                keyed.putIfAbsent(table.getTableName(), table.getKeyColumnNames()[0]);
            }
        }
        return true;
    }

    private static boolean hasCollection(AttributeMappingsList attributes) {
        for (int i = 0; i < attributes.size(); i++) {
            if (attributes.get(i) instanceof PluralAttributeMapping) {
                return true;
            }
        }
        return false;
    }
}
