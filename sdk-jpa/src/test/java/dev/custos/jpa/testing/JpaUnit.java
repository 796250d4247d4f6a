// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.testing;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.params.provider.Arguments;

/**
 * One cell of the test matrix: a JPA provider on a database. A test annotated {@link ProviderMatrix} runs once per
 * cell, taking it as its parameter, so reports name what ran, for example {@code [eclipselink-postgresql]}.
 */
public final class JpaUnit {

    public enum Provider { ECLIPSELINK, HIBERNATE }

    private final Provider provider;
    private final String database;

    public JpaUnit(Provider provider, String database) {
        this.provider = provider;
        this.database = database;
    }

    /**
     * Which providers run, from the system property {@code custos.test.providers} ({@code eclipselink,hibernate}
     * unless set): the Hibernate 7 run of the build (surefire execution {@code hibernate7}) runs Hibernate alone and
     * the EclipseLink 5 run ({@code eclipselink5}) EclipseLink alone, as Jakarta Persistence 3.2 is on their class
     * path.
     */
    public static final String PROVIDERS = "custos.test.providers";

    /** Every configured provider on every configured database. */
    public static List<Arguments> matrix() {
        List<Arguments> cells = new ArrayList<>();
        for (String kind : TestDatabase.configured().toList()) {
            for (Provider provider : providers()) {
                cells.add(Arguments.of(new JpaUnit(provider, kind)));
            }
        }
        return cells;
    }

    /** The providers this run tests ({@link #PROVIDERS}). */
    public static List<Provider> providers() {
        List<Provider> providers = new ArrayList<>();
        for (String name : System.getProperty(PROVIDERS, "eclipselink,hibernate").split(",")) {
            providers.add(Provider.valueOf(name.trim().toUpperCase(Locale.ROOT)));
        }
        return providers;
    }

    public Provider provider() {
        return provider;
    }

    public String database() {
        return database;
    }

    /** The persistence-unit name in the test persistence.xml. */
    public String unitName() {
        return provider.name().toLowerCase(Locale.ROOT);
    }

    /** A new factory on {@code db} with the entity tables created, plus {@code properties}. */
    public EntityManagerFactory open(TestDatabase db, Map<String, ?> properties) {
        return open(unitName(), db, properties);
    }

    /** As {@link #open(TestDatabase, Map)} for the unit {@code <provider>-broken}, whose model has mistakes. */
    public EntityManagerFactory openBroken(TestDatabase db, Map<String, ?> properties) {
        return openVariant("broken", db, properties);
    }

    /** As {@link #open(TestDatabase, Map)} for the unit {@code <provider>-<variant>} of persistence.xml. */
    public EntityManagerFactory openVariant(String variant, TestDatabase db, Map<String, ?> properties) {
        return open(unitName() + "-" + variant, db, properties);
    }

    private EntityManagerFactory open(String unit, TestDatabase db, Map<String, ?> properties) {
        Map<String, Object> all = new HashMap<>();
        all.put("jakarta.persistence.jdbc.url", db.url());
        all.put("jakarta.persistence.jdbc.driver", db.driver());
        all.put("jakarta.persistence.jdbc.user", db.user());
        all.put("jakarta.persistence.jdbc.password", db.password());
        all.put("jakarta.persistence.schema-generation.database.action", "create");
        if (TestDatabase.MARIADB.equals(database)) {
            // Named rather than detected, as the JPA guide advises for MariaDB: MySQL's platform writes
            // FOR UPDATE for PESSIMISTIC_WRITE, which the sweeper's row locks need.
            all.put(provider == Provider.ECLIPSELINK ? "eclipselink.target-database" : "hibernate.dialect",
                    provider == Provider.ECLIPSELINK ? "MySQL" : "org.hibernate.dialect.MariaDBDialect");
        }
        if (provider == Provider.HIBERNATE) {
            all.putAll(hibernateOn(database));
        }
        all.putAll(properties);
        return Persistence.createEntityManagerFactory(unit, all);
    }

    /** The properties a Hibernate unit on {@code database} needs in the tests: {@link DerbyLockClause} on 7. */
    public static Map<String, Object> hibernateOn(String database) {
        return TestDatabase.DERBY.equals(database) && org.hibernate.Version.getVersionString().startsWith("7.")
                ? Map.of("hibernate.session_factory.statement_inspector", DerbyLockClause.class.getName()) : Map.of();
    }

    /** Runs {@code work} in a transaction of a new entity manager, and commits. */
    public static void inTransaction(EntityManagerFactory emf, Consumer<EntityManager> work) {
        inTransactionReturning(emf, em -> {
            work.accept(em);
            return null;
        });
    }

    /** Runs {@code work} in a transaction of a new entity manager, commits, and returns its result. */
    public static <T> T inTransactionReturning(EntityManagerFactory emf, Function<EntityManager, T> work) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            T result = work.apply(em);
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    /**
     * The cell's name in reports: {@code eclipselink-derby}, {@code hibernate-postgresql} for EclipseLink 4 and
     * Hibernate 6, and {@code hibernate7-postgresql}, {@code eclipselink5-derby} when the provider on the class path
     * is of the 7 or 5 line, as found at run time.
     */
    @Override
    public String toString() {
        String name = unitName();
        if (provider == Provider.HIBERNATE && org.hibernate.Version.getVersionString().startsWith("7.")) {
            name = "hibernate7";
        } else if (provider == Provider.ECLIPSELINK && org.eclipse.persistence.Version.getVersion().startsWith("5.")) {
            name = "eclipselink5";
        }
        return name + "-" + database;
    }
}
