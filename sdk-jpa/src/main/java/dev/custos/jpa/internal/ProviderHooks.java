// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.CustosException;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.internal.eclipselink.EclipseLinkAdapter;
import dev.custos.jpa.internal.hibernate.HibernateAdapter;
import jakarta.persistence.EntityManagerFactory;

/**
 * Installs the adapter of the unit's provider. Provider classes are touched only once the provider is
 * known, so an application that ships one of them never loads the other.
 */
public final class ProviderHooks {

    private ProviderHooks() {
    }

    public static void install(EntityManagerFactory emf, CustosRuntime runtime, StoreBackedAudit stores) {
        SubjectResolver subjects = new SubjectResolver(emf.getPersistenceUnitUtil());
        AccessGuard guard = new AccessGuard(runtime, stores.consentLookup(), stores.restrictionLookup(),
                stores.readAudit(), subjects);
        WriteAudit audit = new WriteAudit(runtime, subjects, stores.writeAudit());
        ShredCipher cipher = new ShredCipher(runtime.dataSource(), runtime.clock(), subjects, runtime.mappings());
        String provider = emf.getClass().getName();
        if (provider.startsWith("org.hibernate.")) {
            HibernateAdapter.install(emf, guard, audit, cipher);
        } else if (provider.startsWith("org.eclipse.persistence.")) {
            EclipseLinkAdapter.install(emf, guard, audit, cipher);
        } else {
            throw new CustosException(JpaMessages.unsupportedProvider(provider));
        }
    }
}
