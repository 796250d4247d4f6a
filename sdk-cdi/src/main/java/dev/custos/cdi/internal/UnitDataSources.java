// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal;

import dev.custos.core.CustosException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The database of a persistence unit, where Custos keeps its own tables: the data source the unit's factory
 * reports, else the one persistence.xml names (looked up in JNDI; a name JNDI does not know is an error, never a
 * reason to guess), else the platform's default data source, which a unit naming none uses too, else (Java SE)
 * the application's only DataSource bean.
 * The JTA data source comes first, so that Custos' rows of a unit of work are enlisted in its transaction.
 */
@ApplicationScoped
public class UnitDataSources {

    private static final List<String> KEYS = List.of("jakarta.persistence.jtaDataSource",
            "jakarta.persistence.nonJtaDataSource", "javax.persistence.jtaDataSource",
            "javax.persistence.nonJtaDataSource");

    /** The data source every Jakarta EE server provides, used by units that name none. */
    static final String DEFAULT = "java:comp/DefaultDataSource";

    @Inject
    Instance<DataSource> beans;

    public DataSource of(String unit, EntityManagerFactory emf, Optional<PersistenceXml.Unit> declared) {
        Map<String, Object> properties = emf.getProperties();
        for (String key : KEYS) {
            Object value = properties.get(key);
            if (value instanceof DataSource dataSource) {
                return dataSource;
            }
            if (value instanceof String name && !name.isBlank()) {
                Optional<DataSource> found = lookup(name);
                if (found.isPresent()) {
                    return found.get();
                }
            }
        }
        if (declared.isPresent()) {
            for (Optional<String> name : List.of(declared.get().jtaDataSource(), declared.get().nonJtaDataSource())) {
                if (name.isPresent()) {
                    return lookup(name.get()).orElseThrow(
                            () -> new CustosException(CdiMessages.dataSourceNotFound(unit, name.get())));
                }
            }
        }
        // a unit that names no data source uses the platform's default; Java SE has none, and an application
        // bean stands in for it
        Optional<DataSource> platformDefault = lookup(DEFAULT);
        if (platformDefault.isPresent()) {
            return platformDefault.get();
        }
        if (beans.isResolvable()) {
            return beans.get();
        }
        throw new CustosException(CdiMessages.noDataSource(unit));
    }

    private static Optional<DataSource> lookup(String name) {
        return Jndi.lookup(name, DataSource.class);
    }
}
