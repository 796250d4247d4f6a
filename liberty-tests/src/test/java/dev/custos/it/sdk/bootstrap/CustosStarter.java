// SPDX-License-Identifier: Apache-2.0
package dev.custos.it.sdk.bootstrap;

import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.CustosRuntime;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import javax.sql.DataSource;

/**
 * Starts Custos for the "clinic" unit when the application starts, as the SDK's CDI layer will. It lives in a
 * WEB-INF/lib jar of the test WAR, like the SDK's own jar will, and does what the spike found works on Liberty:
 * <ul>
 * <li>the unit's factory comes by {@code @PersistenceUnit}, but it is Liberty's wrapper, which Custos does not
 * recognise as EclipseLink: the provider's own factory comes from {@code unwrap};</li>
 * <li>the data source comes by {@code @Resource}; Custos gets the server's non-transactional one, because it commits
 * short transactions of its own (read audit, pseudonym keys) while the application's JTA transaction runs, which a
 * JTA-enlisted connection refuses (DSRA9250E).</li>
 * </ul>
 */
@ApplicationScoped
public class CustosStarter {

    @PersistenceUnit(unitName = "clinic")
    EntityManagerFactory emf;

    @Resource(lookup = "jdbc/custos-nontx")
    DataSource nonTransactional;

    private volatile CustosRuntime runtime;
    private volatile RuntimeException failure;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        try {
            runtime = CustosJpa.start("clinic", emf.unwrap(EntityManagerFactory.class), nonTransactional);
        } catch (RuntimeException e) {
            failure = e; // kept for the test to show, instead of failing the deployment
        }
    }

    /** The factory as injected: Liberty's wrapper. */
    public EntityManagerFactory injectedFactory() {
        return emf;
    }

    public DataSource nonTransactionalDataSource() {
        return nonTransactional;
    }

    /** Custos for the unit, or the reason it did not start. */
    public CustosRuntime runtime() {
        if (failure != null) {
            throw new IllegalStateException("Custos did not start", failure);
        }
        return runtime;
    }
}
