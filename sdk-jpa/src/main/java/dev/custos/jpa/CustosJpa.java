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
import dev.custos.jpa.schema.CustosSchema;
import dev.custos.jpa.tx.Transactions;
import dev.custos.jpa.access.AccessPolicy;
import dev.custos.jpa.access.CallerSource;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Starts Custos for a persistence unit: reads the settings from the unit's properties, loads the
 * policy pack and validates every annotated entity of the JPA metamodel, so that mistakes surface when
 * the unit starts, all at once, never at first use. In Jakarta EE the CDI extension calls this; in
 * Java SE, call it right after {@code createEntityManagerFactory}.
 */
public final class CustosJpa {

    private CustosJpa() {
    }

    /**
     * Starts Custos for {@code emf} with the system clock, no caller source and no access policies; see
     * {@link #setup} for those.
     *
     * @param unitName   the persistence unit's name, for messages
     * @param dataSource the unit's database, where Custos keeps its own tables (it creates and upgrades them
     *                   unless {@code custos.schema.migrate=false})
     * @throws CustosDefinitionException listing every problem of the annotated model
     * @throws CustosException if a setting is missing or invalid, or the pack cannot be read
     */
    public static CustosRuntime start(String unitName, EntityManagerFactory emf, DataSource dataSource) {
        return setup(unitName, emf, dataSource).start();
    }

    /** As {@link #start(String, EntityManagerFactory, DataSource)}, with the clock the engines use (tests, demo). */
    public static CustosRuntime start(String unitName, EntityManagerFactory emf, DataSource dataSource, Clock clock) {
        return setup(unitName, emf, dataSource).clock(clock).start();
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
        private String pack;
        private Map<String, String> packOverrides = Map.of();
        private List<String> noContentRoles;
        private List<String> readOnlyRoles;
        private String auditorRole;

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
            this.pack = Objects.requireNonNull(packId, "packId");
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
            this.noContentRoles = List.copyOf(roles);
            return this;
        }

        /**
         * Roles whose callers change nothing through Custos' services, instead of the unit's
         * {@code custos.roles.read-only} property; an empty list for none.
         */
        public Setup readOnlyRoles(List<String> roles) {
            this.readOnlyRoles = List.copyOf(roles);
            return this;
        }

        /** The role the audit queries require, instead of the unit's {@code custos.roles.auditor} property. */
        public Setup auditorRole(String role) {
            this.auditorRole = Objects.requireNonNull(role, "role");
            return this;
        }

        /** How Custos runs transactions of its own; resource-local by default, the container's under CDI. */
        public Setup transactions(Transactions transactions) {
            this.transactions = Objects.requireNonNull(transactions, "transactions");
            return this;
        }

        /**
         * Starts Custos: validates the model, migrates the SDK's tables and installs the provider's hooks.
         *
         * @throws CustosDefinitionException listing every problem of the annotated model, or of the pack overrides
         * @throws CustosException if a setting is missing or invalid, or the pack cannot be read
         */
        public CustosRuntime start() {
            Map<String, Object> properties = emf.getProperties();
            Map<String, String> overrides = new java.util.TreeMap<>(CustosSetting.packOverrides(properties));
            overrides.putAll(packOverrides);
            PolicyPack active = PolicyPacks.load(pack != null ? pack : CustosSetting.PACK.read(properties))
                    .withOverrides(overrides);
            MetamodelDiscovery.Discovered discovered = MetamodelDiscovery.discover(emf.getMetamodel(), active,
                    dataSource);
            boolean enabled = CustosSetting.ENABLED.readBoolean(properties);
            System.Logger.Level refusalLog = CustosSetting.REFUSAL_LOG_LEVEL.readLevel(properties);
            List<String> noContent = noContentRoles != null ? noContentRoles
                    : CustosSetting.NO_CONTENT_ROLES.readList(properties);
            ServiceRoles roles = new ServiceRoles(noContent,
                    readOnlyRoles != null ? readOnlyRoles : CustosSetting.READ_ONLY_ROLES.readList(properties),
                    auditorRole != null ? auditorRole : CustosSetting.AUDITOR_ROLE.read(properties));
            CustosRuntime runtime = new CustosRuntime(unitName, emf, dataSource, discovered.model(),
                    discovered.mappings(), clock, enabled, callers, accessPolicies, transactions, roles);
            if (!enabled) {
                return runtime;
            }
            if (CustosSetting.MIGRATE_SCHEMA.readBoolean(properties)) {
                CustosSchema.migrate(dataSource);
            }
            ProviderHooks.install(emf, runtime, new StoreBackedAudit(dataSource, clock, transactions), refusalLog);
            return runtime;
        }
    }
}
