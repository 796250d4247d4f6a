// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.eclipselink;

import dev.custos.jpa.EntityMapping;
import dev.custos.jpa.internal.RowTable;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.descriptors.VersionLockingPolicy;
import org.eclipse.persistence.internal.databaseaccess.DatabasePlatform;
import org.eclipse.persistence.internal.helper.DatabaseField;
import org.eclipse.persistence.internal.sessions.AbstractSession;
import org.eclipse.persistence.mappings.DatabaseMapping;
import org.eclipse.persistence.mappings.foundation.AbstractDirectMapping;
import org.eclipse.persistence.sessions.UnitOfWork;

/** An entity's table as EclipseLink maps it ({@link RowTable}). Stateless and thread-safe. */
public final class EclipseLinkTables {

    private EclipseLinkTables() {
    }

    /** See {@link RowTable#of}; values are converted by each attribute's mapping and bound by the platform. */
    public static Optional<RowTable> of(EntityManager em, EntityMapping mapping, Collection<String> attributes) {
        AbstractSession session = (AbstractSession) em.unwrap(UnitOfWork.class);
        ClassDescriptor descriptor = session.getDescriptor(mapping.type());
        if (descriptor == null || descriptor.getTables().size() != 1 || descriptor.getPrimaryKeyFields().size() != 1
                || descriptor.hasInheritance() && descriptor.getInheritancePolicy().getAllChildDescriptors().stream()
                .anyMatch(child -> child.getTables().size() != 1)) {
            return Optional.empty(); // rows in several tables: the provider's statement reaches them all
        }
        DatabasePlatform platform = (DatabasePlatform) session.getPlatform(mapping.type());
        Map<String, AbstractDirectMapping> direct = new HashMap<>();
        for (String attribute : attributes) {
            DatabaseMapping found = descriptor.getMappingForAttributeName(attribute);
            if (!(found instanceof AbstractDirectMapping plain)) {
                return Optional.empty();
            }
            direct.put(attribute, plain);
        }
        if (!(descriptor.getMappingForAttributeName(mapping.idAttribute()) instanceof AbstractDirectMapping id)) {
            return Optional.empty();
        }
        direct.put(mapping.idAttribute(), id);
        Map<String, String> columns = new HashMap<>();
        direct.forEach((attribute, m) -> columns.put(attribute, m.getField().getNameDelimited(platform)));
        if (mapping.version().isPresent()) {
            if (!(descriptor.getOptimisticLockingPolicy() instanceof VersionLockingPolicy version)) {
                return Optional.empty();
            }
            columns.put(mapping.version().get().attribute(), version.getWriteLockField().getNameDelimited(platform));
        }
        return Optional.of(new RowTable(descriptor.getTables().get(0).getQualifiedNameDelimited(platform), columns,
                (statement, index, attribute, value) -> {
                    AbstractDirectMapping m = direct.get(attribute);
                    Object field = m.getFieldValue(value, session);
                    DatabaseField column = m.getField();
                    if (field == null) {
                        statement.setNull(index, platform.getJDBCTypeForSetNull(column));
                    } else {
                        platform.setParameterValueInDatabaseCall(field, statement, index, session);
                    }
                }));
    }
}
