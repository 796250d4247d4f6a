// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.CustosException;
import dev.custos.jpa.internal.eclipselink.EclipseLinkConnections;
import dev.custos.jpa.internal.hibernate.HibernateConnections;
import jakarta.persistence.EntityManager;
import java.sql.Connection;

/**
 * The JDBC connection of an entity manager's open transaction, so that Custos' own rows (erasure log, audit)
 * commit or roll back with the JPQL statements run through the entity manager. Provider classes are touched
 * only once the provider is known. Stateless and thread-safe.
 */
public final class TransactionConnection {

    private TransactionConnection() {
    }

    /**
     * The connection of {@code em}'s active transaction. Do not close or commit it: the entity manager's
     * transaction owns it.
     *
     * @throws CustosException {@code CUSTOS-04415} for a provider other than EclipseLink and Hibernate
     */
    public static Connection of(EntityManager em) {
        return switch (JpaProvider.of(em.getEntityManagerFactory())) {
            case HIBERNATE -> HibernateConnections.of(em);
            case ECLIPSELINK -> EclipseLinkConnections.of(em);
        };
    }
}
