// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.CustosDefinitionException;
import dev.custos.core.Message;
import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.PersonalData;
import dev.custos.core.metadata.DataModel;
import dev.custos.core.metadata.DerivedClockModel;
import dev.custos.core.metadata.EntityModel;
import dev.custos.core.metadata.MemberCheck;
import dev.custos.core.metadata.ModelReader;
import dev.custos.core.policy.PolicyPack;
import dev.custos.jpa.EntityMapping;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.EntityType;
import jakarta.persistence.metamodel.IdentifiableType;
import jakarta.persistence.metamodel.ManagedType;
import jakarta.persistence.metamodel.Metamodel;
import jakarta.persistence.metamodel.PluralAttribute;
import jakarta.persistence.metamodel.SingularAttribute;
import jakarta.persistence.metamodel.Type;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Builds the model of annotated entities from the JPA metamodel, the authoritative list of what the
 * persistence unit stores (CDI's bean discovery may not even see entity classes). sdk-core's reader
 * validates the annotations; this class adds what only JPA knows: whether an annotated attribute is
 * persistent, how to reach the data subject's id in a query, and whether each attribute's erasure strategy
 * suits its column ({@link ErasureConstraints}, with the database's own declarations where it can be read).
 */
public final class MetamodelDiscovery {

    private MetamodelDiscovery() {
    }

    /** As {@link #discover(Metamodel, PolicyPack, DataSource)}, checking erasure against the mapping only. */
    public static Discovered discover(Metamodel metamodel, PolicyPack pack) {
        return discover(metamodel, pack, DatabaseColumns.NONE);
    }

    /**
     * The mappings of every annotated entity, in metamodel order sorted by name for stable output; erasure
     * strategies are checked against the mapping and the columns {@code dataSource} declares.
     */
    public static Discovered discover(Metamodel metamodel, PolicyPack pack, DataSource dataSource) {
        try (DatabaseColumns columns = DatabaseColumns.open(dataSource)) {
            return discover(metamodel, pack, columns);
        }
    }

    private static Discovered discover(Metamodel metamodel, PolicyPack pack, DatabaseColumns columns) {
        Map<Class<?>, EntityType<?>> entities = new HashMap<>();
        List<Class<?>> types = new ArrayList<>();
        metamodel.getEntities().stream()
                .sorted((a, b) -> a.getName().compareTo(b.getName()))
                .forEach(entity -> {
                    entities.put(entity.getJavaType(), entity);
                    types.add(entity.getJavaType());
                });
        MemberCheck persistent = new MemberCheck() {
            @Override
            public Optional<Message> check(Class<?> type, String attribute, Class<? extends Annotation> annotation) {
                return MetamodelDiscovery.check(entities.get(type), attribute, annotation);
            }

            @Override
            public List<Message> checkAll(Class<?> type, String attribute, Class<? extends Annotation> annotation) {
                Optional<Message> mapping = check(type, attribute, annotation);
                if (mapping.isPresent() || annotation != PersonalData.class) {
                    return mapping.stream().toList();
                }
                return ErasureConstraints.check(entities.get(type), attribute, columns);
            }
        };
        DataModel model = ModelReader.read(types, type -> entities.get(type).getName(), pack, persistent);
        checkClocks(metamodel, model);
        List<EntityMapping> mappings = new ArrayList<>();
        for (EntityModel entity : model.entities()) {
            EntityType<?> type = entities.get(entity.type());
            mappings.add(new EntityMapping(entity, idAttribute(type).orElseThrow(), subjectPath(type,
                    entity.subjectAttribute()), version(type)));
        }
        return new Discovered(model, mappings);
    }

    /**
     * Every {@code @DerivedClock} path runs through persistent relations to a persistent attribute, and names an
     * entity of this unit: sdk-core followed the Java types, only JPA knows what is mapped.
     */
    private static void checkClocks(Metamodel metamodel, DataModel model) {
        List<Message> problems = new ArrayList<>();
        for (EntityModel entity : model.entities()) {
            for (DerivedClockModel clock : entity.clocks().values()) {
                String location = entity.type().getName() + " @DerivedClock(event = \"" + clock.event() + "\")";
                ManagedType<?> current;
                try {
                    current = metamodel.entity(clock.entity().orElse(entity.type()));
                } catch (IllegalArgumentException e) {
                    problems.add(JpaMessages.clockEntityNotMapped(location, clock.entity().get().getName()));
                    continue;
                }
                for (String segment : clock.path()) {
                    Attribute<?, ?> attribute;
                    try {
                        attribute = current.getAttribute(segment);
                    } catch (IllegalArgumentException e) {
                        problems.add(JpaMessages.clockSegmentNotPersistent(location, current.getJavaType().getName()
                                + "." + segment));
                        break;
                    }
                    Type<?> next = attribute instanceof PluralAttribute<?, ?, ?> plural ? plural.getElementType()
                            : attribute instanceof SingularAttribute<?, ?> singular ? singular.getType() : null;
                    if (next instanceof ManagedType<?> managed) {
                        current = managed;
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new CustosDefinitionException(JpaMessages.invalidClocks(String.valueOf(problems.size())), problems);
        }
    }

    /** What discovery found. */
    public record Discovered(DataModel model, List<EntityMapping> mappings) {
    }

    private static Optional<Message> check(EntityType<?> entity, String attribute,
                                           Class<? extends Annotation> annotation) {
        String location = entity.getJavaType().getName() + "." + attribute;
        if (idAttribute(entity).isEmpty()) {
            return Optional.of(JpaMessages.entityWithoutSingleId(entity.getJavaType().getName()));
        }
        Attribute<?, ?> mapped;
        try {
            mapped = entity.getAttribute(attribute);
        } catch (IllegalArgumentException e) {
            return Optional.of(JpaMessages.notPersistent(location, "@" + annotation.getSimpleName()));
        }
        if (annotation == DataSubject.class) {
            if (mapped.isCollection() || !(mapped instanceof SingularAttribute<?, ?> singular)) {
                return Optional.empty(); // sdk-core reports collections with its own message
            }
            if (singular.getType().getPersistenceType() == Type.PersistenceType.ENTITY
                    && idAttribute((IdentifiableType<?>) singular.getType()).isEmpty()) {
                return Optional.of(JpaMessages.subjectRelationWithoutId(location,
                        singular.getType().getJavaType().getName()));
            }
            if (singular.getType().getPersistenceType() == Type.PersistenceType.EMBEDDABLE) {
                return Optional.of(JpaMessages.subjectNotSingular(location));
            }
        }
        return Optional.empty();
    }

    private static String subjectPath(EntityType<?> entity, String subjectAttribute) {
        SingularAttribute<?, ?> subject = entity.getSingularAttribute(subjectAttribute);
        if (subject.getType().getPersistenceType() == Type.PersistenceType.ENTITY) {
            return subjectAttribute + "." + idAttribute((IdentifiableType<?>) subject.getType()).orElseThrow();
        }
        return subjectAttribute;
    }

    private static Optional<EntityMapping.Version> version(IdentifiableType<?> type) {
        return type.getSingularAttributes().stream().filter(SingularAttribute::isVersion).findFirst()
                .map(a -> new EntityMapping.Version(a.getName(), Number.class.isAssignableFrom(boxed(a.getJavaType()))));
    }

    private static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return type == int.class ? Integer.class : type == long.class ? Long.class : type == short.class
                ? Short.class : type;
    }

    private static Optional<String> idAttribute(IdentifiableType<?> type) {
        if (!type.hasSingleIdAttribute()) {
            return Optional.empty();
        }
        return type.getSingularAttributes().stream().filter(SingularAttribute::isId).findFirst()
                .map(Attribute::getName);
    }
}
