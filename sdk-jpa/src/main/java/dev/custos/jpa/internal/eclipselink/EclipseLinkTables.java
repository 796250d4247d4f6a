// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.eclipselink;

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
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.descriptors.VersionLockingPolicy;
import org.eclipse.persistence.internal.databaseaccess.DatabasePlatform;
import org.eclipse.persistence.internal.helper.DatabaseField;
import org.eclipse.persistence.internal.helper.DatabaseTable;
import org.eclipse.persistence.internal.sessions.AbstractSession;
import org.eclipse.persistence.mappings.AggregateCollectionMapping;
import org.eclipse.persistence.mappings.AggregateObjectMapping;
import org.eclipse.persistence.mappings.DatabaseMapping;
import org.eclipse.persistence.mappings.DirectCollectionMapping;
import org.eclipse.persistence.mappings.ManyToManyMapping;
import org.eclipse.persistence.mappings.OneToManyMapping;
import org.eclipse.persistence.mappings.UnidirectionalOneToManyMapping;
import org.eclipse.persistence.mappings.foundation.AbstractDirectMapping;
import org.eclipse.persistence.sessions.UnitOfWork;

/** An entity's tables as EclipseLink maps them ({@link RowTable}). Stateless and thread-safe. */
public final class EclipseLinkTables {

    private EclipseLinkTables() {
    }

    /** See {@link RowTable#of}; values are converted by each attribute's mapping and bound by the platform. */
    public static Optional<RowTable> of(EntityManager em, EntityMapping mapping, Collection<String> attributes,
                                        boolean deleted) {
        AbstractSession session = (AbstractSession) em.unwrap(UnitOfWork.class);
        ClassDescriptor descriptor = session.getDescriptor(mapping.type());
        if (descriptor == null || descriptor.getPrimaryKeyFields().size() != 1
                || descriptor.hasTablePerClassPolicy()) {
            return Optional.empty();
        }
        DatabasePlatform platform = (DatabasePlatform) session.getPlatform(mapping.type());
        DatabaseField idField = descriptor.getPrimaryKeyFields().get(0);
        String table = name(EclipseLinkShapes.tables(descriptor).get(0), platform);
        List<ClassDescriptor> hierarchy = new ArrayList<>();
        hierarchy.add(descriptor);
        if (descriptor.hasInheritance()) {
            hierarchy.addAll(descriptor.getInheritancePolicy().getAllChildDescriptors());
        }
        // deeper classes of joined inheritance have more tables, whose rows go before their parents'
        hierarchy.sort(Comparator.comparingInt((ClassDescriptor d) -> EclipseLinkShapes.tables(d).size()).reversed());
        Map<String, String> keyed = new LinkedHashMap<>();
        if (deleted && !collectionTables(hierarchy, idField, keyed, platform)) {
            return Optional.empty();
        }
        for (ClassDescriptor d : hierarchy) {
            if (d.hasTablePerClassPolicy() || !table.equals(name(EclipseLinkShapes.tables(d).get(0), platform))) {
                return Optional.empty();
            }
            for (int j = EclipseLinkShapes.tables(d).size() - 1; j > 0; j--) {
                DatabaseTable t = EclipseLinkShapes.tables(d).get(j);
                Optional<String> key = key(d, t, platform);
                if (key.isEmpty()) {
                    return Optional.empty();
                }
                keyed.putIfAbsent(name(t, platform), key.get());
            }
        }
        Map<String, AbstractDirectMapping> direct = new HashMap<>();
        Map<String, List<RowTable.Column>> columns = new HashMap<>();
        for (String attribute : attributes) {
            DatabaseMapping found = descriptor.getMappingForAttributeName(attribute);
            List<DatabaseField> fields;
            if (found instanceof AbstractDirectMapping plain) {
                direct.put(attribute, plain);
                fields = List.of(plain.getField());
            } else if (found instanceof AggregateObjectMapping embedded) {
                fields = EclipseLinkShapes.fields(embedded);
            } else {
                return Optional.empty();
            }
            List<RowTable.Column> in = new ArrayList<>();
            for (DatabaseField field : fields) {
                String at = field.getTable() == null ? "" : name(field.getTable(), platform);
                if (!at.equals(table) && !keyed.containsKey(at)) {
                    return Optional.empty();
                }
                in.add(new RowTable.Column(at, field.getNameDelimited(platform)));
            }
            if (in.isEmpty()) {
                return Optional.empty();
            }
            columns.put(attribute, in);
        }
        if (!(descriptor.getMappingForAttributeName(mapping.idAttribute()) instanceof AbstractDirectMapping id)) {
            return Optional.empty();
        }
        direct.put(mapping.idAttribute(), id);
        if (mapping.version().isPresent()) {
            if (!(descriptor.getOptimisticLockingPolicy() instanceof VersionLockingPolicy version)
                    || !table.equals(name(version.getWriteLockField().getTable(), platform))) {
                return Optional.empty();
            }
            columns.put(mapping.version().get().attribute(), List.of(new RowTable.Column(table,
                    version.getWriteLockField().getNameDelimited(platform))));
        }
        List<RowTable.Column> keys = new ArrayList<>();
        keyed.forEach((name, key) -> keys.add(new RowTable.Column(name, key)));
        return Optional.of(new RowTable(table, idField.getNameDelimited(platform), columns, keys,
                (statement, index, attribute, value) -> {
                    AbstractDirectMapping m = direct.get(attribute);
                    if (m == null) {
                        throw new IllegalArgumentException("no single column: " + attribute);
                    }
                    Object field = m.getFieldValue(value, session);
                    if (field == null) {
                        statement.setNull(index, platform.getJDBCTypeForSetNull(m.getField()));
                    } else {
                        platform.setParameterValueInDatabaseCall(field, statement, index, session);
                    }
                }));
    }

    /** The column of {@code table}, an additional table of {@code d}, that holds the id; empty if not one. */
    private static Optional<String> key(ClassDescriptor d, DatabaseTable table, DatabasePlatform platform) {
        Map<DatabaseField, DatabaseField> fields = d.getAdditionalTablePrimaryKeyFields() == null ? null
                : d.getAdditionalTablePrimaryKeyFields().get(table);
        if (fields == null) {
            return Optional.empty();
        }
        // the map holds each pair both ways round: the key column is the one in the additional table
        Set<String> names = Stream.concat(fields.keySet().stream(), fields.values().stream())
                .filter(f -> f.getTable() != null && table.getQualifiedName().equals(f.getTable().getQualifiedName()))
                .map(f -> f.getNameDelimited(platform)).collect(Collectors.toSet());
        return names.size() == 1 ? Optional.of(names.iterator().next()) : Optional.empty();
    }

    /**
     * Adds the collection tables whose rows the provider's bulk delete clears with the entity's (element
     * collections, the owning side of many-to-many) to {@code keyed}; false where another kind of collection
     * would need the provider (a unidirectional one-to-many, the inverse side of a many-to-many, a collection in
     * an embeddable).
     */
    private static boolean collectionTables(List<ClassDescriptor> hierarchy, DatabaseField id,
                                            Map<String, String> keyed, DatabasePlatform platform) {
        for (ClassDescriptor d : hierarchy) {
            for (DatabaseMapping m : EclipseLinkShapes.mappings(d)) {
                if (m instanceof AggregateObjectMapping embedded && embedded.getReferenceDescriptor() != null
                        && EclipseLinkShapes.mappings(embedded.getReferenceDescriptor()).stream()
                        .anyMatch(DatabaseMapping::isCollectionMapping)) {
                    return false;
                }
                if (!m.isCollectionMapping()) {
                    continue;
                }
                DatabaseTable table;
                List<DatabaseField> key;
                List<DatabaseField> source;
                if (m instanceof DirectCollectionMapping values) {
                    table = values.getReferenceTable();
                    key = EclipseLinkShapes.referenceKeyFields(values);
                    source = EclipseLinkShapes.sourceKeyFields(values);
                } else if (m instanceof AggregateCollectionMapping embeddables
                        && EclipseLinkShapes.tables(embeddables.getReferenceDescriptor()).size() == 1) {
                    table = EclipseLinkShapes.tables(embeddables.getReferenceDescriptor()).get(0);
                    key = EclipseLinkShapes.targetForeignKeyFields(embeddables);
                    source = EclipseLinkShapes.sourceKeyFields(embeddables);
                } else if (m instanceof ManyToManyMapping links && !links.isReadOnly()) {
                    table = links.getRelationTable();
                    key = EclipseLinkShapes.sourceRelationKeyFields(links);
                    source = EclipseLinkShapes.sourceKeyFields(links);
                } else if (m instanceof OneToManyMapping && !(m instanceof UnidirectionalOneToManyMapping)) {
                    continue; // the other entity's rows hold the key: nothing of this row to clear
                } else {
                    return false;
                }
                if (key.size() != 1 || source.size() != 1 || !id.getName().equals(source.get(0).getName())) {
                    return false;
                }
                keyed.putIfAbsent(name(table, platform), key.get(0).getNameDelimited(platform));
            }
        }
        return true;
    }

    private static String name(DatabaseTable table, DatabasePlatform platform) {
        return table.getQualifiedNameDelimited(platform);
    }
}
