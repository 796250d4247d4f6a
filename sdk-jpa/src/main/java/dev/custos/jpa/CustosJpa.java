// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa;

import dev.custos.core.CustosDefinitionException;
import dev.custos.core.CustosException;
import dev.custos.core.policy.PolicyPack;
import dev.custos.core.policy.PolicyPacks;
import dev.custos.jpa.internal.MetamodelDiscovery;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

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
     * @param unitName the persistence unit's name, for messages
     * @throws CustosDefinitionException listing every problem of the annotated model
     * @throws CustosException if a setting is missing or invalid, or the pack cannot be read
     */
    public static CustosRuntime start(String unitName, EntityManagerFactory emf) {
        return start(unitName, emf, Clock.systemUTC());
    }

    /** As {@link #start(String, EntityManagerFactory)}, with the clock the engines use (tests, demo mode). */
    public static CustosRuntime start(String unitName, EntityManagerFactory emf, Clock clock) {
        Objects.requireNonNull(emf, "emf");
        Map<String, Object> properties = emf.getProperties();
        PolicyPack pack = PolicyPacks.load(CustosSetting.PACK.read(properties));
        MetamodelDiscovery.Discovered discovered = MetamodelDiscovery.discover(emf.getMetamodel(), pack);
        return new CustosRuntime(unitName, discovered.model(), discovered.mappings(), clock);
    }
}
