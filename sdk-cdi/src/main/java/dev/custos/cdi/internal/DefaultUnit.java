// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;

/**
 * The application's persistence unit, injected by the container. A reference without a unit name means the
 * application's only unit, so the extension vetoes this bean unless persistence.xml declares exactly one; an
 * application with several units produces their factories as beans instead (see the CDI guide).
 */
@ApplicationScoped
public class DefaultUnit {

    @PersistenceUnit
    EntityManagerFactory factory;

    /** The injected factory; null where nothing injects persistence units (Java SE). */
    public EntityManagerFactory factory() {
        return factory;
    }
}
