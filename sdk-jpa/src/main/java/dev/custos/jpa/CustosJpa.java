// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa;

import dev.custos.core.CustosDefinitionException;
import dev.custos.core.CustosException;
import dev.custos.core.policy.PolicyPack;
import dev.custos.core.policy.PolicyPacks;
import dev.custos.jpa.internal.MetamodelDiscovery;
import dev.custos.jpa.internal.ProviderHooks;
import dev.custos.jpa.internal.ServiceRoles;
import dev.custos.jpa.internal.StoreBackedAudit;
import dev.custos.jpa.audit.AuditPartitions;
import dev.custos.jpa.schema.CustosSchema;
import dev.custos.jpa.tx.Transactions;
import dev.custos.jpa.access.AccessPolicy;
import dev.custos.jpa.access.CallerSource;
import jakarta.persistence.EntityManagerFactory;
import dev.custos.core.Message;
import dev.custos.jpa.internal.JpaMessages;
import java.time.Clock;
import dev.custos.core.metadata.ModelReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Starts Custos for a persistence unit: reads the settings from the unit's properties, loads the
 * policy pack and validates every annotated entity of the JPA metamodel, so that mistakes surface when
 * the unit starts, all at once, never at first use. In Jakarta EE the CDI extension calls this; in
 * Java SE, call it right after {@code createEntityManagerFactory}.
 */
public final class CustosJpa {

    private static final System.Logger LOG = System.getLogger(CustosJpa.class.getName());

    private CustosJpa() {
    }

    /**
     * Starts Custos for {@code emf} with the system clock, no caller source and no access policies; see
     * {@link #setup} for those.
     *
     * @param unitName   the persistence unit's name, for messages
     * @param dataSource the unit's database, where Custos keeps its own tables (it creates and upgrades them
     *                   unless {@code custos.schema.migrate=false})
     * @throws CustosDefinitionException {@code CUSTOS-04440}, listing every problem of the settings, the pack and
     *                                   the annotated model at once
     */
    public static CustosRuntime start(String unitName, EntityManagerFactory emf, DataSource dataSource) {
        return setup(unitName, emf, dataSource).start();
    }

    /** As {@link #start(String, EntityManagerFactory, DataSource)}, with the clock the engines use (tests, demo). */
    public static CustosRuntime start(String unitName, EntityManagerFactory emf, DataSource dataSource, Clock clock) {
        return setup(unitName, emf, dataSource).clock(clock).start();
    }

    /**
     * The problems of {@code entities} under the settings and pack of the unit they belong to, for a container that
     * sees entity classes before the unit starts (the CDI extension does, to fail the deployment early): the same
     * pack loading and model validation the start runs, on the classes instead of the metamodel, so that only what
     * needs the mapping (which attributes are persistent, column sizes) waits for the start. None when Custos is
     * switched off.
     *
     * @param packOverrides pack values the deployment sets, as {@link Setup#packOverrides} (already merged with the
     *                      unit's {@code custos.pack.override.*} properties)
     */
    public static List<Message> modelProblems(CustosSettings settings, Map<String, String> packOverrides,
                                              Collection<Class<?>> entities) {
        if (!settings.enabled() || settings.pack().isEmpty()) {
            return List.of();
        }
        List<Message> problems = new ArrayList<>();
        PolicyPack pack = loadPack(settings.pack().get(), packOverrides, problems);
        if (pack != null && !entities.isEmpty()) {
            try {
                ModelReader.read(entities, CustosJpa::entityName, pack);
            } catch (CustosDefinitionException e) {
                problems.addAll(e.problems());
            }
        }
        return problems;
    }

    /** The pack with the deployment's values, or null with its problems added. */
    private static PolicyPack loadPack(String packId, Map<String, String> overrides, List<Message> problems) {
        try {
            return PolicyPacks.load(packId).withOverrides(overrides);
        } catch (CustosDefinitionException e) {
            problems.addAll(e.problems());
        } catch (CustosException e) {
            problems.add(e.detail());
        }
        return null;
    }

    /** An entity's name as JPA gives it ({@code @Entity(name)}, else the unqualified class name). */
    private static String entityName(Class<?> type) {
        jakarta.persistence.Entity entity = type.getAnnotation(jakarta.persistence.Entity.class);
        return entity == null || entity.name().isEmpty() ? type.getSimpleName() : entity.name();
    }

    /** Prepares a start with more settings: the clock, where callers come from, and access policies. */
    public static Setup setup(String unitName, EntityManagerFactory emf, DataSource dataSource) {
        return new Setup(unitName, emf, dataSource);
    }

    /** The settings of one start; not thread-safe, use it once. */
    public static final class Setup {
        private final String unitName;
        private final EntityManagerFactory emf;
        private final DataSource dataSource;
        private Clock clock = Clock.systemUTC();
        private CallerSource callers = CallerSource.NONE;
        private List<AccessPolicy> accessPolicies = List.of();
        private Transactions transactions = Transactions.RESOURCE_LOCAL;
        private Map<String, String> packOverrides = Map.of();
        private CustosSettings.Source server = CustosSettings.Source.NONE;
        private CustosMetrics metrics = CustosMetrics.NONE;
        /** Settings this setup's caller chose, as text by key: they win over the server's and the unit's. */
        private final Map<String, String> chosen = new HashMap<>();

        private Setup(String unitName, EntityManagerFactory emf, DataSource dataSource) {
            this.unitName = Objects.requireNonNull(unitName, "unitName");
            this.emf = Objects.requireNonNull(emf, "emf");
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** The clock the engines use; the system clock by default. */
        public Setup clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Where the caller comes from when no processing scope names one; by default nobody is known. */
        public Setup callerSource(CallerSource callers) {
            this.callers = Objects.requireNonNull(callers, "callers");
            return this;
        }

        /** Policies every load and write of an annotated entity must pass, in this order. */
        public Setup accessPolicies(List<? extends AccessPolicy> policies) {
            this.accessPolicies = List.copyOf(policies);
            return this;
        }

        /** The policy pack, instead of the unit's {@code custos.pack} property (a server-wide setting, say). */
        public Setup pack(String packId) {
            chosen.put(CustosSetting.PACK.key(), Objects.requireNonNull(packId, "packId"));
            return this;
        }

        /**
         * Pack values this deployment sets (name without the {@code custos.pack.override.} prefix), on top of the
         * unit's {@code custos.pack.override.*} properties, which they replace name by name (MicroProfile Config,
         * say).
         */
        public Setup packOverrides(Map<String, String> overrides) {
            this.packOverrides = Map.copyOf(overrides);
            return this;
        }

        /**
         * Roles whose callers are refused every annotated attribute, instead of the unit's
         * {@code custos.roles.no-content} property (a server-wide setting, say); an empty list for none.
         */
        public Setup noContentRoles(List<String> roles) {
            chosen.put(CustosSetting.NO_CONTENT_ROLES.key(), roleList(roles));
            return this;
        }

        /**
         * Roles whose callers change nothing through Custos' services, instead of the unit's
         * {@code custos.roles.read-only} property; an empty list for none.
         */
        public Setup readOnlyRoles(List<String> roles) {
            chosen.put(CustosSetting.READ_ONLY_ROLES.key(), roleList(roles));
            return this;
        }

        /** The role the audit queries require, instead of the unit's {@code custos.roles.auditor} property. */
        public Setup auditorRole(String role) {
            chosen.put(CustosSetting.AUDITOR_ROLE.key(), Objects.requireNonNull(role, "role"));
            return this;
        }

        /**
         * The role listing and deciding erasure lines requires ({@code Decisions}), instead of the server's
         * {@code custos.roles.decider} setting (Java SE has none: the default, {@code custos-privacy-officer}).
         */
        public Setup deciderRole(String role) {
            chosen.put(CustosSetting.DECIDER_ROLE.key(), Objects.requireNonNull(role, "role"));
            return this;
        }

        /** How Custos runs transactions of its own; resource-local by default, the container's under CDI. */
        public Setup transactions(Transactions transactions) {
            this.transactions = Objects.requireNonNull(transactions, "transactions");
            return this;
        }

        /** Where the unit's checks, audit appends, sweeps and verifications are counted; none by default. */
        public Setup metrics(CustosMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /**
         * Where server-wide settings come from (the CDI layer: MicroProfile Config or system properties); they win
         * over the unit's properties where a setting may come from both ({@link CustosSetting.Scope}). None by
         * default.
         */
        public Setup serverSettings(CustosSettings.Source server) {
            this.server = Objects.requireNonNull(server, "server");
            return this;
        }

        /**
         * Starts Custos: reads the settings, loads the pack and validates the model, then migrates the SDK's tables
         * and installs the provider's hooks. With {@code custos.enabled=false} it does none of this: it logs one
         * INFO line and returns a runtime that refuses work ({@code CUSTOS-04419}).
         *
         * @throws CustosDefinitionException {@code CUSTOS-04440}, listing every problem of the settings, the pack,
         *                                   its overrides and the annotated model, each with its own id
         */
        public CustosRuntime start() {
            Map<String, Object> properties = emf.getProperties();
            List<Message> problems = new ArrayList<>();
            CustosSettings settings = CustosSettings.forUnit(explicitOverServer(), properties, problems);
            if (!settings.enabled()) {
                LOG.log(System.Logger.Level.INFO, JpaMessages.switchedOff(unitName)
                        .toString());
                return new CustosRuntime(unitName, emf, dataSource, null, List.of(), clock, false, callers,
                        accessPolicies, transactions, roles(settings), metrics);
            }
            MetamodelDiscovery.Discovered discovered = settings.pack().map(id -> discover(id, properties, problems))
                    .orElse(null);
            if (!problems.isEmpty()) {
                throw new CustosDefinitionException(JpaMessages.cannotStart(unitName,
                        Integer.toString(problems.size())), problems);
            }
            CustosRuntime runtime = new CustosRuntime(unitName, emf, dataSource, discovered.model(),
                    discovered.mappings(), clock, true, callers, accessPolicies, transactions,
                    roles(settings), metrics);
            if (settings.bool(CustosSetting.MIGRATE_SCHEMA)) {
                CustosSchema.migrate(dataSource);
            }
            // PostgreSQL's audit trail is partitioned by month: this month's partition and the next ones exist before
            // records arrive (a failure is logged; records then land in the default partition)
            new AuditPartitions(runtime).createAheadOrLog();
            ProviderHooks.install(emf, runtime, new StoreBackedAudit(dataSource, clock, transactions, metrics, unitName),
                    settings.level(CustosSetting.REFUSAL_LOG_LEVEL));
            return runtime;
        }

        /** The pack and its model, or null with the problems added: one report for everything wrong. */
        private MetamodelDiscovery.Discovered discover(String packId, Map<String, Object> properties,
                                                       List<Message> problems) {
            Map<String, String> overrides = new TreeMap<>(CustosSetting.packOverrides(properties));
            overrides.putAll(packOverrides);
            PolicyPack active = loadPack(packId, overrides, problems);
            if (active == null) {
                return null;
            }
            try {
                return MetamodelDiscovery.discover(emf.getMetamodel(), active, dataSource);
            } catch (CustosDefinitionException e) {
                problems.addAll(e.problems());
            } catch (CustosException e) {
                problems.add(e.detail());
            }
            return null;
        }

        private static ServiceRoles roles(CustosSettings settings) {
            return new ServiceRoles(settings.list(CustosSetting.NO_CONTENT_ROLES),
                    settings.list(CustosSetting.READ_ONLY_ROLES), settings.text(CustosSetting.AUDITOR_ROLE),
                    settings.text(CustosSetting.DECIDER_ROLE));
        }

        /** This setup's own pack and roles first (the caller chose them), then the server's settings. */
        private CustosSettings.Source explicitOverServer() {
            return key -> Optional.ofNullable(chosen.get(key)).or(() -> server.value(key));
        }

        /** A role list as the registry reads it: comma-separated, {@code none} for no role. */
        private static String roleList(List<String> roles) {
            List<String> copy = List.copyOf(roles);
            return copy.isEmpty() ? "none" : String.join(",", copy);
        }
    }
}
