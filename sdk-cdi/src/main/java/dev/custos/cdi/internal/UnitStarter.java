// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal;

import dev.custos.core.CustosException;
import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.CustosSetting;
import dev.custos.jpa.access.AccessPolicy;
import dev.custos.jpa.access.CallerSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Finds the application's persistence units and starts Custos for each: with the callers from the
 * {@link CallerSource} bean, every {@link AccessPolicy} bean, the container's transactions, and a {@link Clock}
 * bean if the application has one, and the roles that see no content ({@link CustosConfig#NO_CONTENT_ROLES}) when
 * configured. A unit that cannot start fails the deployment: the application must not run
 * unprotected.
 */
@ApplicationScoped
public class UnitStarter {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(UnitStarter.class.getName());

    @Inject
    CustosExtension extension;

    @Inject
    Instance<DefaultUnit> defaultUnit;

    @Inject
    @Any
    Instance<EntityManagerFactory> factoryBeans;

    @Inject
    @Any
    Instance<AccessPolicy> policies;

    @Inject
    @Any
    Instance<CallerSource> callerSources;

    @Inject
    ContainerTransactions transactions;

    @Inject
    Instance<Clock> clocks;

    @Inject
    UnitDataSources dataSources;

    /** Starts every unit; the result is keyed by unit name, in declaration order. */
    public Map<String, CustosRuntime> startAll() {
        Map<String, EntityManagerFactory> factories = factories();
        // fail closed: a declared unit Custos cannot reach would run unprotected
        if (factories.isEmpty() && (!extension.unitNames().isEmpty() || !extension.annotatedEntities().isEmpty())) {
            throw new DeploymentException(CdiMessages.noPersistenceUnit(String.join(", ", extension.unitNames()))
                    .toString());
        }
        CallerSource callers = callerSource();
        java.util.Optional<String> pack = CustosConfig.current().string(CustosConfig.PACK);
        List<AccessPolicy> policyList = new ArrayList<>();
        policies.forEach(policyList::add);
        // Every policy must permit, so the order only decides whose denial is reported; keep it stable.
        policyList.sort(Comparator.comparing(p -> p.getClass().getName()));
        Clock clock = clocks.isResolvable() ? clocks.get() : Clock.systemUTC();
        Map<String, CustosRuntime> started = new LinkedHashMap<>();
        for (Map.Entry<String, EntityManagerFactory> unit : factories.entrySet()) {
            started.put(unit.getKey(), start(unit.getKey(), unit.getValue(), policyList, clock, callers, pack));
        }
        return java.util.Collections.unmodifiableMap(started);
    }

    private CustosRuntime start(String name, EntityManagerFactory emf, List<AccessPolicy> policyList, Clock clock,
                                CallerSource callers, java.util.Optional<String> pack) {
        try {
            EntityManagerFactory provider = providerFactory(emf);
            DataSource dataSource = dataSources.of(name, provider, extension.unit(name));
            CustosJpa.Setup setup = CustosJpa.setup(name, provider, dataSource).clock(clock).callerSource(callers)
                    .accessPolicies(policyList).transactions(transactions);
            pack.ifPresent(setup::pack);
            // MicroProfile Config (or system properties) may set pack values the pack lets a deployment choose
            setup.packOverrides(CustosConfig.current().withPrefix(
                    dev.custos.core.policy.PackOverride.SETTING_PREFIX));
            CustosConfig.current().string(CustosConfig.NO_CONTENT_ROLES).map(CustosSetting::list)
                    .ifPresent(setup::noContentRoles);
            CustosConfig.current().string(CustosConfig.READ_ONLY_ROLES).map(CustosSetting::list)
                    .ifPresent(setup::readOnlyRoles);
            CustosConfig.current().string(CustosConfig.AUDITOR_ROLE).ifPresent(setup::auditorRole);
            CustosRuntime runtime = setup.start();
            LOG.info(CdiMessages.unitProtected(name, runtime.pack().id(),
                    Integer.toString(runtime.mappings().size())).toString());
            return runtime;
        } catch (CustosException e) {
            DeploymentException failure = new DeploymentException(
                    CdiMessages.startFailed(name, e.getMessage()).toString(), e);
            throw failure;
        }
    }

    /**
     * The application's caller source if it has one (an {@code @Alternative} or a plain bean), else Jakarta
     * Security's: an application bean next to the default must not make the injection ambiguous.
     */
    private CallerSource callerSource() {
        if (callerSources.isResolvable()) {
            return callerSources.get();
        }
        List<CallerSource> own = new ArrayList<>();
        callerSources.forEach(source -> {
            if (!(source instanceof SecurityContextCallerSource)) {
                own.add(source);
            }
        });
        if (own.size() != 1) {
            throw new DeploymentException(CdiMessages.ambiguousCallerSources(Integer.toString(own.size())).toString());
        }
        return own.get(0);
    }

    /** The units: the one the container injects when persistence.xml declares one, else the factory beans. */
    private Map<String, EntityManagerFactory> factories() {
        Map<String, EntityManagerFactory> found = new LinkedHashMap<>();
        if (defaultUnit.isResolvable() && defaultUnit.get().factory() != null) {
            found.put(extension.unitNames().get(0), defaultUnit.get().factory());
            return found;
        }
        List<Instance.Handle<EntityManagerFactory>> beans = new ArrayList<>();
        factoryBeans.handles().forEach(beans::add);
        List<String> declared = extension.unitNames();
        for (int i = 0; i < beans.size(); i++) {
            Instance.Handle<EntityManagerFactory> bean = beans.get(i);
            // A factory bean does not say which unit it is: its @PersistenceUnit(unitName) does, and a single one is
            // the single declared unit.
            String name = extension.unitOf(bean.getBean())
                    .orElse(beans.size() == 1 && declared.size() == 1 ? declared.get(0) : "unit-" + (i + 1));
            if (found.putIfAbsent(name, bean.get()) != null) {
                throw new DeploymentException(CdiMessages.duplicateUnitFactory(name).toString());
            }
        }
        return found;
    }

    /**
     * The provider's own factory: Custos hooks into the provider itself, but applications hand out CDI client
     * proxies and servers hand out wrappers. A client proxy answers {@code unwrap} with itself where the factory
     * returns {@code this}, so it is opened through Weld's proxy interface first.
     */
    private static EntityManagerFactory providerFactory(EntityManagerFactory emf) {
        EntityManagerFactory candidate = contextualInstance(emf);
        if (isProviders(candidate)) {
            return candidate;
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        for (String type : PROVIDER_FACTORIES) {
            try {
                Class<?> api = Class.forName(type, false, context != null ? context : UnitStarter.class.getClassLoader());
                if (candidate.unwrap(api) instanceof EntityManagerFactory provider && isProviders(provider)) {
                    return provider;
                }
            } catch (ClassNotFoundException | LinkageError | RuntimeException notThisProvider) {
                // try the next provider
            }
        }
        return candidate;
    }

    private static boolean isProviders(EntityManagerFactory emf) {
        String type = emf.getClass().getName();
        return type.startsWith("org.eclipse.persistence.") || type.startsWith("org.hibernate.");
    }

    /** The instance behind a Weld client proxy, read reflectively so that no Weld API is needed to compile. */
    private static EntityManagerFactory contextualInstance(EntityManagerFactory emf) {
        for (Class<?> type : emf.getClass().getInterfaces()) {
            if (type.getName().equals("org.jboss.weld.proxy.WeldClientProxy")) {
                try {
                    Object metadata = type.getMethod("getMetadata").invoke(emf);
                    Object instance = metadata.getClass().getMethod("getContextualInstance").invoke(metadata);
                    if (instance instanceof EntityManagerFactory factory) {
                        return factory;
                    }
                } catch (ReflectiveOperationException | RuntimeException e) {
                    return emf;
                }
            }
        }
        return emf;
    }

    /** The providers' factory interfaces, which their factories unwrap to. */
    private static final List<String> PROVIDER_FACTORIES = List.of("org.eclipse.persistence.jpa.JpaEntityManagerFactory",
            "org.hibernate.SessionFactory");
}
