// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.eclipselink;

import dev.custos.core.CustosException;
import dev.custos.jpa.internal.JpaMessages;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Vector;
import org.eclipse.persistence.Version;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.internal.helper.DatabaseField;
import org.eclipse.persistence.internal.helper.DatabaseTable;
import org.eclipse.persistence.mappings.AggregateCollectionMapping;
import org.eclipse.persistence.mappings.DatabaseMapping;
import org.eclipse.persistence.mappings.DirectCollectionMapping;
import org.eclipse.persistence.mappings.ManyToManyMapping;

/**
 * The getters Custos' hooks use that return a {@code Vector} on EclipseLink 4.0 and a {@code List} on 5.0, each
 * found once in the shape the EclipseLink on the class path has. sdk-jpa is compiled against 4.0 alone, so one jar
 * serves both; a call compiled to 4.0's signature would fail on 5 with a {@link NoSuchMethodError} at the first
 * write. A getter in neither shape fails the unit's start ({@link #require}). Thread-safe.
 */
final class EclipseLinkShapes {

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.publicLookup();
    /** What was not found, for {@link #require}. */
    private static final List<String> MISSING = new ArrayList<>();

    private static final MethodHandle MAPPINGS = getter(ClassDescriptor.class, "getMappings", MISSING);
    private static final MethodHandle TABLES = getter(ClassDescriptor.class, "getTables", MISSING);
    private static final MethodHandle FIELDS = getter(DatabaseMapping.class, "getFields", MISSING);
    private static final MethodHandle VALUES_KEY = getter(DirectCollectionMapping.class, "getReferenceKeyFields",
            MISSING);
    private static final MethodHandle VALUES_SOURCE = getter(DirectCollectionMapping.class, "getSourceKeyFields",
            MISSING);
    private static final MethodHandle EMBEDDABLES_KEY = getter(AggregateCollectionMapping.class,
            "getTargetForeignKeyFields", MISSING);
    private static final MethodHandle EMBEDDABLES_SOURCE = getter(AggregateCollectionMapping.class,
            "getSourceKeyFields", MISSING);
    private static final MethodHandle LINKS_KEY = getter(ManyToManyMapping.class, "getSourceRelationKeyFields",
            MISSING);
    private static final MethodHandle LINKS_SOURCE = getter(ManyToManyMapping.class, "getSourceKeyFields", MISSING);

    private EclipseLinkShapes() {
    }

    /** @throws CustosException {@code CUSTOS-04481} if this EclipseLink has a getter in neither shape */
    static void require(String unitName) {
        require(unitName, MISSING);
    }

    static void require(String unitName, List<String> missing) {
        if (!missing.isEmpty()) {
            throw new CustosException(JpaMessages.eclipseLinkShapeUnknown(unitName, Version.getVersion(),
                    String.join(", ", missing)));
        }
    }

    static List<DatabaseMapping> mappings(ClassDescriptor descriptor) {
        return list(MAPPINGS, descriptor);
    }

    static List<DatabaseTable> tables(ClassDescriptor descriptor) {
        return list(TABLES, descriptor);
    }

    static List<DatabaseField> fields(DatabaseMapping mapping) {
        return list(FIELDS, mapping);
    }

    static List<DatabaseField> referenceKeyFields(DirectCollectionMapping mapping) {
        return list(VALUES_KEY, mapping);
    }

    static List<DatabaseField> sourceKeyFields(DirectCollectionMapping mapping) {
        return list(VALUES_SOURCE, mapping);
    }

    static List<DatabaseField> targetForeignKeyFields(AggregateCollectionMapping mapping) {
        return list(EMBEDDABLES_KEY, mapping);
    }

    static List<DatabaseField> sourceKeyFields(AggregateCollectionMapping mapping) {
        return list(EMBEDDABLES_SOURCE, mapping);
    }

    static List<DatabaseField> sourceRelationKeyFields(ManyToManyMapping mapping) {
        return list(LINKS_KEY, mapping);
    }

    static List<DatabaseField> sourceKeyFields(ManyToManyMapping mapping) {
        return list(LINKS_SOURCE, mapping);
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(MethodHandle getter, Object on) {
        if (getter == null) {
            throw new IllegalStateException("EclipseLinkShapes.require was not called at start");
        }
        try {
            return (List<T>) getter.invokeExact(on);
        } catch (Throwable e) {
            if (e instanceof Error error) {
                throw error;
            }
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }

    /**
     * {@code owner.name()}, returning a List (5.0) or a Vector (4.0), typed {@code (Object) List}; else null, with
     * the getter added to {@code missing}.
     */
    static MethodHandle getter(Class<?> owner, String name, List<String> missing) {
        MethodType type = MethodType.methodType(List.class, Object.class);
        for (Class<?> returned : List.of(List.class, Vector.class)) {
            try {
                return LOOKUP.findVirtual(owner, name, MethodType.methodType(returned)).asType(type);
            } catch (ReflectiveOperationException e) {
                // the other shape
            }
        }
        missing.add(owner.getSimpleName() + "." + name + "()");
        return null;
    }
}
