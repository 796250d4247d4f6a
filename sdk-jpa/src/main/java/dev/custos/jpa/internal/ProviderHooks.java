// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.CustosException;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.internal.eclipselink.EclipseLinkAdapter;
import dev.custos.jpa.internal.hibernate.HibernateAdapter;
import dev.custos.jpa.internal.hibernate.MaskedState;
import jakarta.persistence.EntityManager;
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
        AccessGuard guard = new AccessGuard(runtime, decisions,
                new GroupedReadAudit(stores.readAudit(decisions.changes())), subjects, refusalLog);
        WriteAudit audit = new WriteAudit(runtime, subjects, stores.writeAudit(), guard);
        ShredCipher cipher = new ShredCipher(runtime.dataSource(), runtime.transactions(), runtime.clock(), subjects, runtime.mappings());
        ProjectionGuard projections = new ProjectionGuard(runtime);
        if (JpaProvider.of(emf) == JpaProvider.HIBERNATE) {
            HibernateAdapter.install(emf, guard, audit, cipher, projections, runtime.unitName());
        } else {
            EclipseLinkAdapter.install(emf, guard, audit, cipher, projections, runtime.unitName());
        }
    }

    /**
     * See {@link dev.custos.jpa.access.MaskedValues#clear}.
     *
     * @throws CustosException {@code CUSTOS-04442} if {@code entity} is not managed by {@code em}
     */
    public static void clearMasked(EntityManager em, Object entity, String attribute) {
        if (!em.contains(entity)) {
            throw new CustosException(JpaMessages.clearedOutsideEntityManager(entity.getClass().getSimpleName(),
                    attribute));
        }
        AttributeAccess.set(entity, attribute, null);
        if (JpaProvider.of(em.getEntityManagerFactory()) == JpaProvider.HIBERNATE) {
            MaskedState.clear(em, entity, attribute);
        } else {
            EclipseLinkAdapter.clearMasked(em, entity, attribute);
        }
    }
}
