// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.CustosException;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.internal.eclipselink.EclipseLinkAdapter;
import dev.custos.jpa.internal.hibernate.HibernateAdapter;
import jakarta.persistence.EntityManagerFactory;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Installs the adapter of the unit's provider. Provider classes are touched only once the provider is
 * known, so an application that ships one of them never loads the other.
 */
public final class ProviderHooks {

    private ProviderHooks() {
    }

    /** The factories hooked so far; weak, so a closed factory is forgotten. */
    private static final Map<EntityManagerFactory, Boolean> INSTALLED =
            Collections.synchronizedMap(new WeakHashMap<>());

    public static void install(EntityManagerFactory emf, CustosRuntime runtime, StoreBackedAudit stores,
                               System.Logger.Level refusalLog) {
        if (INSTALLED.putIfAbsent(emf, Boolean.TRUE) != null) {
            throw new CustosException(JpaMessages.alreadyStarted(runtime.unitName()));
        }
        SubjectResolver subjects = new SubjectResolver(emf.getPersistenceUnitUtil());
        DecisionCache decisions = new DecisionCache(runtime.dataSource(), stores.restrictionLookup(),
                stores.consentLookup(), DecisionCache.CAPACITY);
        AccessGuard guard = new AccessGuard(runtime, decisions, stores.readAudit(), subjects, refusalLog);
        WriteAudit audit = new WriteAudit(runtime, subjects, stores.writeAudit(), guard);
        ShredCipher cipher = new ShredCipher(runtime.dataSource(), runtime.transactions(), runtime.clock(), subjects, runtime.mappings());
        ProjectionGuard projections = new ProjectionGuard(runtime);
        String provider = emf.getClass().getName();
        if (provider.startsWith("org.hibernate.")) {
            HibernateAdapter.install(emf, guard, audit, cipher, projections, runtime.unitName());
        } else if (provider.startsWith("org.eclipse.persistence.")) {
            EclipseLinkAdapter.install(emf, guard, audit, cipher, projections, runtime.unitName());
        } else {
            throw new CustosException(JpaMessages.unsupportedProvider(provider));
        }
    }
}
