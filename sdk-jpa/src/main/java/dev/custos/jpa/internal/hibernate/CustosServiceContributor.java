// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.hibernate;

import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.QuerySettings;
import org.hibernate.service.spi.ServiceContributor;

/**
 * Names {@link HibernateProjections} as the query translator of every Hibernate session factory built while
 * sdk-jpa is on the class path (found by ServiceLoader), unless the unit names one itself; Hibernate reads the
 * translator only while it builds the factory, long before {@code CustosJpa.start}. A factory Custos is never
 * started for translates as Hibernate's own translator would.
 */
public final class CustosServiceContributor implements ServiceContributor {

    @Override
    public void contribute(StandardServiceRegistryBuilder builder) {
        if (!builder.getSettings().containsKey(QuerySettings.SEMANTIC_QUERY_TRANSLATOR)) {
            builder.applySetting(QuerySettings.SEMANTIC_QUERY_TRANSLATOR, HibernateProjections.class.getName());
        }
    }
}
