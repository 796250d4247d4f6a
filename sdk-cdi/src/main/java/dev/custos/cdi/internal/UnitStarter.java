// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal;

import dev.custos.core.CustosException;
import dev.custos.core.SafeCause;
import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.CustosMetrics;
import dev.custos.jpa.CustosRuntime;
import dev.custos.core.policy.PackOverride;
import dev.custos.jpa.access.AccessPolicy;
import dev.custos.jpa.access.CallerSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationTargetException;
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

    private static final System.Logger LOG = System.getLogger(UnitStarter.class.getName());

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

    /** Where the units' metrics go: OpenTelemetry's when the server has it (see CustosExtension), else nowhere. */
    @Inject
    Instance<CustosMetrics> metrics;

    /** Starts every unit; the result is keyed by unit name, in declaration order. */
    public Map<String, CustosRuntime> startAll() {
        Map<String, EntityManagerFactory> factories = factories();
        // fail closed: a declared unit Custos cannot reach would run unprotected
        if (factories.isEmpty() && (!extension.unitNames().isEmpty() || !extension.annotatedEntities().isEmpty())) {
            throw new DeploymentException(CdiMessages.noPersistenceUnit(String.join(", ", extension.unitNames()))
                    .toString());
        }
        CallerSource callers = callerSource();
        List<AccessPolicy> policyList = new ArrayList<>();
        policies.forEach(policyList::add);
        // Every policy must permit, so the order only decides whose denial is reported; keep it stable.
        policyList.sort(Comparator.comparing(p -> p.getClass().getName()));
        Clock clock = clocks.isResolvable() ? clocks.get() : Clock.systemUTC();
        Map<String, CustosRuntime> started = new LinkedHashMap<>();
        for (Map.Entry<String, EntityManagerFactory> unit : factories.entrySet()) {
            started.put(unit.getKey(), start(unit.getKey(), unit.getValue(), policyList, clock, callers));
        }
        return java.util.Collections.unmodifiableMap(started);
    }

    private CustosRuntime start(String name, EntityManagerFactory emf, List<AccessPolicy> policyList, Clock clock,
                                CallerSource callers) {
        try {
            EntityManagerFactory provider = providerFactory(emf);
            DataSource dataSource = dataSources.of(name, provider, extension.unit(name));
            CustosConfig config = CustosConfig.current();
            // the server's settings (MicroProfile Config or system properties) win over the unit's, as sdk-jpa's
            // registry says; so do the pack values the pack lets a deployment choose
            CustosRuntime runtime = CustosJpa.setup(name, provider, dataSource).clock(clock).callerSource(callers)
                    .accessPolicies(policyList).transactions(transactions).serverSettings(config)
                    .metrics(metrics.isResolvable() ? metrics.get() : CustosMetrics.NONE)
                    .packOverrides(config.withPrefix(PackOverride.SETTING_PREFIX)).start();
            if (runtime.enabled()) { // switched off, sdk-jpa logged the one line there is
                LOG.log(Level.INFO, CdiMessages.unitProtected(name, runtime.pack().id(),
                        Integer.toString(runtime.mappings().size())).toString());
            }
            return runtime;
        } catch (CustosException e) {
            DeploymentException failure = new DeploymentException(
                    CdiMessages.startFailed(name, SafeCause.of(e.detail())).toString(), e);
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
    static EntityManagerFactory providerFactory(EntityManagerFactory emf) {
        EntityManagerFactory candidate = contextualInstance(emf);
        if (CustosRuntime.isProviderFactory(candidate)) {
            return candidate;
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        for (String type : CustosRuntime.providerFactoryInterfaces()) {
            try {
                Class<?> api = Class.forName(type, false, context != null ? context : UnitStarter.class.getClassLoader());
                if (candidate.unwrap(api) instanceof EntityManagerFactory provider
                        && CustosRuntime.isProviderFactory(provider)) {
                    return provider;
                }
            } catch (ClassNotFoundException | LinkageError notThisProvider) {
                // that provider is not on the class path: try the next
            } catch (RuntimeException refused) {
                // the factory is not that provider's; said at DEBUG for whoever wonders why a hook is missing
                LOG.log(Level.DEBUG, () -> CdiMessages.providerUnwrapRefused(type,
                        SafeCause.of(refused)).toString());
            }
        }
        return candidate;
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
                    Throwable failure = e instanceof InvocationTargetException thrown && thrown.getCause() != null
                            ? thrown.getCause() : e;
                    // sanitized: the exception's message may quote the application's state
                    LOG.log(Level.WARNING, CdiMessages.clientProxyUnopened(SafeCause.of(failure)).toString());
                    return emf;
                }
            }
        }
        return emf;
    }
}
