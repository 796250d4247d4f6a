// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal;

import dev.custos.cdi.ProcessingPurpose;
import dev.custos.core.CustosDefinitionException;
import dev.custos.core.Message;
import dev.custos.core.annotation.DataSubject;
import dev.custos.core.annotation.DerivedFrom;
import dev.custos.core.annotation.PersonalData;
import dev.custos.core.annotation.RetentionAnchor;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessProducerField;
import jakarta.enterprise.inject.spi.ProcessProducerMethod;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import dev.custos.core.policy.PackOverride;
import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.CustosSetting;
import dev.custos.jpa.CustosSettings;
import java.util.ArrayList;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Custos' portable extension. At deployment it reads the server's settings and checks what CDI can see: every
 * annotated entity in a bean archive against the settings and pack of its persistence unit, and every
 * {@link ProcessingPurpose}; each problem becomes a deployment error with its numbered message, all of them at
 * once. The checks are sdk-jpa's, the ones a unit's start runs ({@link CustosJpa#modelProblems}); this class only
 * says which entities belong to which unit and forwards what they find. Entities CDI does not see (an archive in
 * annotated mode) are found from persistence.xml, as the provider finds them; the JPA metamodel stays the
 * authority: {@link UnitStarter} starts each unit, whose start checks every entity of the metamodel again and
 * fails the application if anything is wrong. Observers may run on several threads at once; the state they fill
 * is concurrent.
 */
public class CustosExtension implements Extension {

    // Weld may deliver ProcessAnnotatedType and ProcessBean events on several threads at once (its concurrent
    // deployment is on by default), so everything those observers fill is a concurrent collection.
    private final Set<Class<?>> entities = ConcurrentHashMap.newKeySet();
    private final Queue<Message> problems = new ConcurrentLinkedQueue<>();
    private volatile List<PersistenceXml.Unit> units = List.of();
    private final Map<Bean<?>, String> factoryUnits = new ConcurrentHashMap<>();
    private volatile CustosSettings settings;

    /** Reads the declared persistence units before any bean is discovered. */
    void units(@Observes BeforeBeanDiscovery event) {
        List<Message> found = new ArrayList<>();
        units = PersistenceXml.read(classLoader(), found);
        problems.addAll(found);
    }

    /**
     * Adds the retention sweep job's batch artifacts, only when the server provides Jakarta Batch: they implement
     * its interfaces, and an application on a server without it must deploy as before (see
     * {@link #optionalFeatures}).
     */
    void batchArtifacts(@Observes BeforeBeanDiscovery event, BeanManager beans) {
        if (dev.custos.cdi.internal.batch.SweepJob.available()) {
            dev.custos.cdi.internal.batch.BatchArtifacts.register(event, beans);
        }
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

    /**
     * Reads the server's settings once and checks every entity against its unit's pack, forwarding every problem
     * (of the settings, the units' settings, the packs, the model and the purposes) as a definition error, all at
     * once; with {@code custos.enabled=false} on the server, only the settings are read. The
     * checks are sdk-jpa's ({@link CustosSettings}, {@link CustosJpa#modelProblems}); this only says which
     * entities belong to which unit.
     */
    void validate(@Observes AfterBeanDiscovery event) {
        CustosConfig config = CustosConfig.current();
        List<Message> all = new ArrayList<>();
        try {
            settings = CustosSettings.forServer(config);
            if (settings.enabled()) { // switched off on the server, Custos checks nothing at all
                entities.addAll(unitEntities());
                all.addAll(problems);
                all.addAll(modelProblems(config));
                if (settings.bool(CustosSetting.SWEEP_BATCH_JOB)
                        && !dev.custos.cdi.internal.batch.SweepJob.available()) {
                    all.add(CdiMessages.batchJobWithoutBatch(CustosSetting.SWEEP_BATCH_JOB.key()));
                }
            }
        } catch (CustosDefinitionException e) {
            all.addAll(e.problems());
        }
        for (Message problem : all) {
            event.addDefinitionError(new DefinitionException(problem.toString()));
        }
    }

    /**
     * Adds the readiness check and the metrics, each only when the server provides its API (mpHealth,
     * mpTelemetry): both are optional, and an application on a server without them must deploy as before. Their
     * classes carry no bean-defining annotation, so discovery never loads them (it would fail for want of the API);
     * they are registered here, as synthetic beans, after the class-path test. A separate module would ask every
     * application to add a jar for what its server already says it has; Weld and Liberty users expect a feature
     * to light up when the feature is enabled.
     */
    void optionalFeatures(@Observes AfterBeanDiscovery event, BeanManager beans) {
        if (present("org.eclipse.microprofile.health.HealthCheck")) {
            dev.custos.cdi.internal.health.ReadinessBean.register(event, beans);
        }
        if (present("io.opentelemetry.api.OpenTelemetry")) {
            dev.custos.cdi.internal.telemetry.MetricsBean.register(event, beans);
        }
    }

    /** Whether the class {@code name} is visible to Custos' own classes, which would link against it. */
    static boolean present(String name) {
        try {
            Class.forName(name, false, CustosExtension.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The server's settings, read and validated once at deployment. */
    public CustosSettings settings() {
        CustosSettings read = settings;
        if (read == null) {
            throw new IllegalStateException("Custos' settings are read after bean discovery");
        }
        return read;
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
     * Checks each entity against its unit's settings and pack: a unit's listed classes against that unit, and the
     * unlisted ones against the only unit if there is just one (or, with no unit declared, against the server's
     * pack if it names one). Units where Custos is switched off are not checked. Anything else waits for the
     * metamodel at unit start.
     */
    private List<Message> modelProblems(CustosConfig config) {
        Map<String, String> serverOverrides = config.withPrefix(PackOverride.SETTING_PREFIX);
        Set<Class<?>> unlisted = new LinkedHashSet<>(entities);
        List<Message> found = new ArrayList<>();
        for (PersistenceXml.Unit unit : units) {
            Set<Class<?>> listed = new LinkedHashSet<>();
            for (Class<?> type : entities) {
                if (unit.classes().contains(type.getName())) {
                    listed.add(type);
                }
            }
            unlisted.removeAll(listed);
            if (units.size() == 1) {
                listed.addAll(unlisted);
            }
            try {
                CustosSettings unitSettings = CustosSettings.forUnit(config, unit.properties());
                found.addAll(CustosJpa.modelProblems(unitSettings, overrides(unit.properties(), serverOverrides),
                        listed));
            } catch (CustosDefinitionException e) {
                found.addAll(e.problems());
            }
        }
        if (units.isEmpty() && settings.pack().isPresent()) {
            found.addAll(CustosJpa.modelProblems(settings, serverOverrides, unlisted));
        }
        return found;
    }

    /** The unit's pack overrides, the server's replacing them name by name, as the unit's start reads them. */
    private static Map<String, String> overrides(Map<String, String> unitProperties, Map<String, String> server) {
        Map<String, String> overrides = new TreeMap<>(CustosSetting.packOverrides(unitProperties));
        overrides.putAll(server);
        return overrides;
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : CustosExtension.class.getClassLoader();
    }
}
