// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal;

import dev.custos.cdi.ProcessingPurpose;
import dev.custos.core.CustosDefinitionException;
import dev.custos.core.CustosException;
import dev.custos.core.Message;
import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.DerivedFrom;
import dev.custos.core.annotation.PersonalData;
import dev.custos.core.annotation.RetentionAnchor;
import dev.custos.core.metadata.ModelReader;
import dev.custos.core.policy.PolicyPack;
import dev.custos.core.policy.PolicyPacks;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessProducerField;
import jakarta.enterprise.inject.spi.ProcessProducerMethod;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Custos' portable extension. At deployment it checks what CDI can see: every annotated entity in a bean
 * archive against the pack of its persistence unit, and every {@link ProcessingPurpose}; each problem
 * becomes a deployment error with its numbered message, all of them at once. Entities CDI does not see (an
 * archive in annotated mode) are found from persistence.xml, as the provider finds them; the JPA metamodel stays
 * the authority: {@link UnitStarter} checks every entity again when the unit starts and fails the application if
 * anything is wrong.
 */
public class CustosExtension implements Extension {

    private final Set<Class<?>> entities = new LinkedHashSet<>();
    private final List<Message> problems = new ArrayList<>();
    private List<PersistenceXml.Unit> units = List.of();
    private final Map<Bean<?>, String> factoryUnits = new java.util.concurrent.ConcurrentHashMap<>();

    /** Reads the declared persistence units before any bean is discovered. */
    void units(@Observes BeforeBeanDiscovery event) {
        units = PersistenceXml.read(classLoader(), problems);
    }

    /** Keeps the unnamed unit reference only where it is unambiguous: with exactly one declared unit. */
    void defaultUnit(@Observes ProcessAnnotatedType<DefaultUnit> event) {
        if (units.size() != 1) {
            event.veto();
        }
    }

    <T> void entity(@Observes @WithAnnotations({PersonalData.class, DataSubject.class, RetentionAnchor.class,
            DerivedFrom.class}) ProcessAnnotatedType<T> event) {
        Class<T> type = event.getAnnotatedType().getJavaClass();
        if (type.isAnnotationPresent(Entity.class)) {
            entities.add(type);
        }
    }

    /**
     * Remembers which unit a factory bean produces, from its {@code @PersistenceUnit(unitName = ...)}: an application
     * with several units produces their factories as beans, and a factory object does not say which unit it is.
     */
    void factoryField(@Observes ProcessProducerField<EntityManagerFactory, ?> event) {
        rememberUnit(event.getBean(), event.getAnnotatedProducerField().getAnnotation(PersistenceUnit.class));
    }

    void factoryMethod(@Observes ProcessProducerMethod<EntityManagerFactory, ?> event) {
        rememberUnit(event.getBean(), event.getAnnotatedProducerMethod().getAnnotation(PersistenceUnit.class));
    }

    private void rememberUnit(Bean<?> bean, PersistenceUnit unit) {
        if (unit != null && !unit.unitName().isBlank()) {
            factoryUnits.put(bean, unit.unitName());
        }
    }

    /** The unit a factory bean was declared for with {@code @PersistenceUnit(unitName = ...)}, if it was. */
    public Optional<String> unitOf(Bean<?> factoryBean) {
        return Optional.ofNullable(factoryUnits.get(factoryBean));
    }

    <T> void purpose(@Observes @WithAnnotations(ProcessingPurpose.class) ProcessAnnotatedType<T> event) {
        AnnotatedType<T> type = event.getAnnotatedType();
        if (type.isAnnotationPresent(jakarta.interceptor.Interceptor.class)) {
            return; // the interceptor carries the binding with no purpose, as bindings on interceptors do
        }
        checkPurpose(type.getAnnotation(ProcessingPurpose.class), type.getJavaClass().getName());
        for (AnnotatedMethod<? super T> method : type.getMethods()) {
            checkPurpose(method.getAnnotation(ProcessingPurpose.class),
                    type.getJavaClass().getName() + "." + method.getJavaMember().getName());
        }
    }

    private void checkPurpose(ProcessingPurpose purpose, String location) {
        if (purpose != null && purpose.value().isBlank()) {
            problems.add(CdiMessages.blankPurpose(location));
        }
    }

    void validate(@Observes AfterBeanDiscovery event) {
        entities.addAll(unitEntities());
        List<Message> all = new ArrayList<>(problems);
        all.addAll(modelProblems(units));
        for (Message problem : all) {
            event.addDefinitionError(new DefinitionException(problem.toString()));
        }
    }

    /**
     * The annotated entities the units declare, whether or not CDI saw them: the listed classes, and the unlisted
     * ones in a unit's root unless it excludes them, as the JPA provider finds them. Without this an archive in
     * annotated discovery mode (no {@code beans.xml}) would hide its entities until the unit starts, and a
     * mistake would fail the application there, in another form, instead of here.
     */
    private Set<Class<?>> unitEntities() {
        Set<String> names = new LinkedHashSet<>();
        for (PersistenceXml.Unit unit : units) {
            names.addAll(unit.classes());
            if (!unit.excludeUnlisted()) {
                unit.file().ifPresent(file -> names.addAll(UnitArchiveScan.candidates(file)));
            }
        }
        Set<Class<?>> found = new LinkedHashSet<>();
        ClassLoader loader = classLoader();
        for (String name : names) {
            try {
                Class<?> type = Class.forName(name, false, loader);
                if (type.isAnnotationPresent(Entity.class) && carriesCustosAnnotation(type)) {
                    found.add(type);
                }
            } catch (ClassNotFoundException | LinkageError e) {
                // the provider reports a class it cannot load; Custos checks what the metamodel holds at unit start
            }
        }
        return found;
    }

    private static boolean carriesCustosAnnotation(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (java.lang.reflect.Field field : c.getDeclaredFields()) {
                for (java.lang.annotation.Annotation a : field.getDeclaredAnnotations()) {
                    if (a.annotationType().getPackageName().equals(PersonalData.class.getPackageName())) {
                        return true;
                    }
                }
            }
            for (java.lang.reflect.Method method : c.getDeclaredMethods()) {
                for (java.lang.annotation.Annotation a : method.getDeclaredAnnotations()) {
                    if (a.annotationType().getPackageName().equals(PersonalData.class.getPackageName())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The names of the persistence units declared in persistence.xml, in the order found. */
    public List<String> unitNames() {
        return units.stream().map(PersistenceXml.Unit::name).toList();
    }

    /** The declaration of unit {@code name}, if persistence.xml has it. */
    public Optional<PersistenceXml.Unit> unit(String name) {
        return units.stream().filter(u -> u.name().equals(name)).findFirst();
    }

    /** The entities CDI saw, for tests and diagnostics. */
    public Set<Class<?>> annotatedEntities() {
        return Set.copyOf(entities);
    }

    /**
     * Checks each entity against its unit's pack: a unit's listed classes against its pack, and the unlisted ones
     * against the only pack if there is just one. Anything else waits for the metamodel at unit start.
     */
    private List<Message> modelProblems(List<PersistenceXml.Unit> units) {
        Optional<String> configured = CustosConfig.current().string(CustosConfig.PACK);
        Map<String, Set<Class<?>>> byPack = new LinkedHashMap<>();
        Set<Class<?>> listed = new LinkedHashSet<>();
        Set<String> packs = new LinkedHashSet<>();
        for (PersistenceXml.Unit unit : units) {
            Optional<String> pack = configured.or(() -> unit.property("custos.pack"));
            pack.ifPresent(packs::add);
            for (Class<?> type : entities) {
                if (unit.classes().contains(type.getName())) {
                    listed.add(type);
                    pack.ifPresent(p -> byPack.computeIfAbsent(p, k -> new LinkedHashSet<>()).add(type));
                }
            }
        }
        if (packs.isEmpty() && configured.isPresent()) {
            packs.add(configured.get());
        }
        if (packs.size() == 1) {
            Set<Class<?>> unlisted = new LinkedHashSet<>(entities);
            unlisted.removeAll(listed);
            byPack.computeIfAbsent(packs.iterator().next(), k -> new LinkedHashSet<>()).addAll(unlisted);
        }
        List<Message> found = new ArrayList<>();
        for (Map.Entry<String, Set<Class<?>>> entry : byPack.entrySet()) {
            PolicyPack pack;
            try {
                pack = PolicyPacks.load(entry.getKey());
            } catch (CustosDefinitionException e) {
                found.addAll(e.problems());
                continue;
            } catch (CustosException e) {
                found.add(e.detail());
                continue;
            }
            try {
                ModelReader.read(entry.getValue(), CustosExtension::entityName, pack);
            } catch (CustosDefinitionException e) {
                found.addAll(e.problems());
            }
        }
        return found;
    }

    private static String entityName(Class<?> type) {
        String name = type.getAnnotation(Entity.class).name();
        return name.isEmpty() ? type.getSimpleName() : name;
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : CustosExtension.class.getClassLoader();
    }
}
