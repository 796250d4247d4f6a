// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.testing;

import dev.custos.cdi.AuditService;
import dev.custos.cdi.ConsentService;
import dev.custos.cdi.CustosUnits;
import dev.custos.cdi.RequestService;
import dev.custos.cdi.RetentionService;
import dev.custos.cdi.internal.ContainerTransactions;
import dev.custos.cdi.internal.CustosExtension;
import dev.custos.cdi.internal.ProcessingPurposeInterceptor;
import dev.custos.cdi.internal.ReadOnlyRolesPolicy;
import dev.custos.cdi.internal.SecurityContextCallerSource;
import dev.custos.cdi.internal.ServiceGuardInterceptor;
import dev.custos.cdi.internal.SweepScheduler;
import dev.custos.cdi.internal.TransactionIsolation;
import dev.custos.cdi.internal.UnitDataSources;
import dev.custos.cdi.internal.UnitStarter;
import org.hibernate.validator.cdi.ValidationExtension;
import org.jboss.weld.environment.se.Weld;

/** A Weld SE container with everything the CDI module registers in a server, plus {@code extra} classes. */
public final class CdiClinic {

    private CdiClinic() {
    }

    public static Weld weld(Class<?>... extra) {
        return sdkOnly().addBeanClasses(ClinicResources.class, TestCallers.class).addBeanClasses(extra);
    }

    /** Persists {@code entity} in a resource-local transaction of a new entity manager. */
    public static void store(jakarta.persistence.EntityManagerFactory emf, Object entity) {
        jakarta.persistence.EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            em.persist(entity);
            em.getTransaction().commit();
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    /**
     * Persists {@code entity} as {@link #store(jakarta.persistence.EntityManagerFactory, Object)} does, under
     * {@code purpose}, keeping the caller the container names: special-category data is written only under a purpose.
     */
    public static void store(jakarta.persistence.EntityManagerFactory emf, String purpose, Object entity) {
        try (dev.custos.jpa.access.ProcessingContext.Scope scope =
                     dev.custos.jpa.access.ProcessingContext.open(purpose)) {
            store(emf, entity);
        }
    }

    /** The CDI module's beans alone, without the unit's resources or the test's callers. */
    public static Weld sdkOnly() {
        return new Weld().disableDiscovery()
                .addExtension(new CustosExtension())
                .addExtension(new ValidationExtension())
                .addBeanClasses(CustosUnits.class, UnitStarter.class, UnitDataSources.class,
                        ContainerTransactions.class, TransactionIsolation.class, SecurityContextCallerSource.class,
                        ReadOnlyRolesPolicy.class, ProcessingPurposeInterceptor.class, ServiceGuardInterceptor.class, ConsentService.class,
                        RetentionService.class, RequestService.class, AuditService.class, SweepScheduler.class,
                        dev.custos.cdi.internal.DefaultUnit.class);
    }
}
