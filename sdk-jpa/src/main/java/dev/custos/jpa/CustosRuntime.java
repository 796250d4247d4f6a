// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa;

import dev.custos.core.metadata.DataModel;
import dev.custos.core.policy.PolicyPack;
import dev.custos.core.retention.RetentionEngine;
import dev.custos.core.CustosException;
import dev.custos.jpa.access.AccessPolicy;
import dev.custos.jpa.access.Caller;
import dev.custos.jpa.access.CallerSource;
import dev.custos.jpa.access.ProcessingContext;
import dev.custos.jpa.access.AccessRefusedException;
import dev.custos.jpa.internal.JpaMessages;
import dev.custos.jpa.internal.JpaProvider;
import dev.custos.jpa.internal.ServiceRoles;
import dev.custos.jpa.tx.Transactions;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Custos started for one persistence unit: the validated model, the policy pack and the engines built
 * on them. Created once by {@link CustosJpa#start}; immutable and thread-safe.
 */
public final class CustosRuntime {

    private final String unitName;
    private final EntityManagerFactory emf;
    private final DataSource dataSource;
    private final DataModel model;
    private final Map<Class<?>, EntityMapping> mappings;
    private final Clock clock;
    private final RetentionEngine retention;
    private final boolean enabled;
    private final CallerSource callers;
    private final List<AccessPolicy> accessPolicies;
    private final Transactions transactions;
    private final ServiceRoles roles;
    private final CustosMetrics metrics;

    CustosRuntime(String unitName, EntityManagerFactory emf, DataSource dataSource, DataModel model,
                  List<EntityMapping> mappings, Clock clock, boolean enabled, CallerSource callers,
                  List<AccessPolicy> accessPolicies, Transactions transactions, ServiceRoles roles,
                  CustosMetrics metrics) {
        this.unitName = Objects.requireNonNull(unitName, "unitName");
        this.emf = Objects.requireNonNull(emf, "emf");
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        // switched off, Custos neither loads the pack nor reads the model: there is none to hold
        this.model = enabled ? Objects.requireNonNull(model, "model") : null;
        this.mappings = mappings.stream().collect(Collectors.toUnmodifiableMap(EntityMapping::type, Function.identity()));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = enabled ? new RetentionEngine(model.pack(), clock) : null;
        this.enabled = enabled;
        this.callers = Objects.requireNonNull(callers, "callers");
        this.accessPolicies = List.copyOf(accessPolicies);
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.roles = Objects.requireNonNull(roles, "roles");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    public String unitName() {
        return unitName;
    }

    /** Whether Custos is on for the unit ({@code custos.enabled}); when off it checks, audits and erases nothing. */
    public boolean enabled() {
        return enabled;
    }

    /**
     * Fails when Custos is switched off for the unit: for services that must not run then.
     *
     * @throws CustosException {@code CUSTOS-04419}
     */
    public void requireEnabled() {
        if (!enabled) {
            throw new CustosException(JpaMessages.disabled(unitName));
        }
    }

    /** The persistence unit Custos was started for. */
    public EntityManagerFactory entityManagerFactory() {
        return emf;
    }

    /** The unit's database, where the SDK's own tables are. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The validated model. @throws CustosException {@code CUSTOS-04419} when Custos is switched off */
    public DataModel model() {
        requireEnabled();
        return model;
    }

    /** The pack in force. @throws CustosException {@code CUSTOS-04419} when Custos is switched off */
    public PolicyPack pack() {
        requireEnabled();
        return model.pack();
    }

    public Clock clock() {
        return clock;
    }

    public RetentionEngine retention() {
        requireEnabled();
        return retention;
    }

    /** The caller of the work on this thread: the one the innermost {@link ProcessingContext} scope names, else the source's. */
    public Caller currentCaller() {
        return ProcessingContext.scopeCaller().orElseGet(callers::current);
    }

    /**
     * The roles whose callers see no personal data ({@code custos.roles.no-content}): every annotated attribute is
     * refused to them on every path.
     */
    public List<String> noContentRoles() {
        return roles.noContent();
    }

    /**
     * The first of {@link #noContentRoles} {@code caller} is in, if any; Custos itself (a system caller) is in none.
     */
    public Optional<String> noContentRole(Caller caller) {
        return roles.noContentRole(caller);
    }

    /** The roles whose callers change nothing through Custos' services ({@code custos.roles.read-only}). */
    public List<String> readOnlyRoles() {
        return roles.readOnly();
    }

    /** The role listing and deciding erasure lines requires ({@code custos.roles.decider}). */
    public String deciderRole() {
        return roles.deciderRole();
    }

    /** The role the audit queries require ({@code custos.roles.auditor}). */
    public String auditorRole() {
        return roles.auditorRole();
    }

    /**
     * Refuses {@code operation}, a change through one of Custos' services (for example "record consent"), to the
     * {@link #currentCaller()} when it is in one of the {@link #readOnlyRoles()}. Every service that changes state
     * calls it first.
     *
     * @throws AccessRefusedException {@code CUSTOS-04260}
     */
    public void refuseReadOnlyCaller(String operation) {
        roles.refuseChange(currentCaller(), operation);
    }

    /**
     * Refuses {@code operation}, a query of the audit trail, to the {@link #currentCaller()} unless it has the
     * {@link #auditorRole()} or is Custos itself.
     *
     * @throws AccessRefusedException {@code CUSTOS-04261}
     */
    public void requireAuditor(String operation) {
        roles.requireAuditor(currentCaller(), operation);
    }

    /** The access policies every load and write of an annotated entity must pass, in the order they run. */
    public List<AccessPolicy> accessPolicies() {
        return accessPolicies;
    }

    /** Where the unit's checks, audit appends, sweeps and verifications are counted; {@link CustosMetrics#NONE} by default. */
    public CustosMetrics metrics() {
        return metrics;
    }

    /** How Custos runs its own transactions on this unit. */
    public Transactions transactions() {
        return transactions;
    }

    /** The mapping of an annotated entity class; empty for classes without personal data. */
    public Optional<EntityMapping> mapping(Class<?> entityClass) {
        return Optional.ofNullable(mappings.get(entityClass));
    }

    /** All annotated entities. */
    public List<EntityMapping> mappings() {
        return mappings.values().stream().sorted((a, b) -> a.entityName().compareTo(b.entityName())).toList();
    }

    /**
     * Whether {@code emf} is the own factory of a provider Custos hooks into (EclipseLink, Hibernate ORM), not a
     * server's wrapper or a CDI client proxy, which {@link CustosJpa#start} cannot hook into.
     */
    public static boolean isProviderFactory(EntityManagerFactory emf) {
        return JpaProvider.find(emf).isPresent();
    }

    /** The factory interfaces of the providers Custos hooks into, by name: what a wrapper unwraps to. */
    public static List<String> providerFactoryInterfaces() {
        return Arrays.stream(JpaProvider.values()).map(JpaProvider::factoryInterface).toList();
    }
}
