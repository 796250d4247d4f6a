// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa;

import dev.custos.core.CustosDefinitionException;
import dev.custos.core.CustosException;
import dev.custos.core.policy.PolicyPack;
import dev.custos.core.policy.PolicyPacks;
import dev.custos.jpa.internal.MetamodelDiscovery;
import dev.custos.jpa.internal.ProviderHooks;
import dev.custos.jpa.internal.StoreBackedAudit;
import dev.custos.jpa.schema.CustosSchema;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
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
     * Starts Custos for {@code emf} with the system clock.
     *
     * @param unitName   the persistence unit's name, for messages
     * @param dataSource the unit's database, where Custos keeps its own tables (it creates and upgrades them
     *                   unless {@code custos.schema.migrate=false})
     * @throws CustosDefinitionException listing every problem of the annotated model
     * @throws CustosException if a setting is missing or invalid, or the pack cannot be read
     */
    public static CustosRuntime start(String unitName, EntityManagerFactory emf, DataSource dataSource) {
        return start(unitName, emf, dataSource, Clock.systemUTC());
    }

    /** As {@link #start(String, EntityManagerFactory, DataSource)}, with the clock the engines use (tests, demo). */
    public static CustosRuntime start(String unitName, EntityManagerFactory emf, DataSource dataSource, Clock clock) {
        Objects.requireNonNull(emf, "emf");
        Objects.requireNonNull(dataSource, "dataSource");
        Map<String, Object> properties = emf.getProperties();
        PolicyPack pack = PolicyPacks.load(CustosSetting.PACK.read(properties));
        MetamodelDiscovery.Discovered discovered = MetamodelDiscovery.discover(emf.getMetamodel(), pack);
        boolean enabled = CustosSetting.ENABLED.readBoolean(properties);
        CustosRuntime runtime = new CustosRuntime(unitName, emf, dataSource, discovered.model(), discovered.mappings(),
                clock, enabled);
        if (!enabled) {
            return runtime;
        }
        if (CustosSetting.MIGRATE_SCHEMA.readBoolean(properties)) {
            CustosSchema.migrate(dataSource);
        }
        ProviderHooks.install(emf, runtime, new StoreBackedAudit(dataSource, clock));
        return runtime;
    }
}
