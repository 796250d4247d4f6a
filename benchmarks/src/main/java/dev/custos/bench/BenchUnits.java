// SPDX-License-Identifier: Apache-2.0
package dev.custos.bench;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/** Opens the units of the benchmarks' persistence.xml on a {@link BenchDatabase}. */
final class BenchUnits {

    static final String ECLIPSELINK = "eclipselink";
    static final String HIBERNATE = "hibernate";

    private BenchUnits() {
    }

    /**
     * A new factory of {@code unit} on the database's pool; with {@code createTables} it creates the entity tables
     * (do that for the first factory of a database only, the others find them).
     */
    static EntityManagerFactory open(String unit, BenchDatabase db, boolean createTables) {
        return open(unit, db, createTables, Map.of());
    }

    /** As above, with {@code extra} properties for the factory. */
    static EntityManagerFactory open(String unit, BenchDatabase db, boolean createTables, Map<String, ?> extra) {
        Map<String, Object> properties = new HashMap<>(extra);
        properties.put("jakarta.persistence.nonJtaDataSource", db.dataSource());
        properties.put("jakarta.persistence.schema-generation.database.action", createTables ? "create" : "none");
        // EclipseLink keeps one session per name: a new one for every factory, so no two ever share one
        properties.put("eclipselink.session-name", unit + "-" + UUID.randomUUID());
        EntityManagerFactory emf = Persistence.createEntityManagerFactory(unit, properties);
        // EclipseLink deploys a unit lazily, and until then getProperties() lacks persistence.xml's properties
        // (custos.pack among them), so CustosJpa.start would not find them: deploy it now, as a container does
        emf.getMetamodel();
        return emf;
    }

    /** Runs {@code work} in a transaction of a new entity manager, and commits. */
    static void inTransaction(EntityManagerFactory emf, Consumer<EntityManager> work) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            work.accept(em);
            em.getTransaction().commit();
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }
}
