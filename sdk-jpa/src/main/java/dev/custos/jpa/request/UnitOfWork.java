// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.request;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;

/**
 * One resource-local transaction of an entity manager together with the JDBC connection it runs on, so that the
 * SDK's stores (requests, ledger, audit) write in the same transaction as JPQL updates of the application's
 * tables: a rollback leaves neither, and a failed audit fails the change.
 */
final class UnitOfWork implements AutoCloseable {

    private final EntityManager em;
    private final Connection connection;
    private boolean committed;

    private UnitOfWork(EntityManager em) {
        this.em = em;
        em.getTransaction().begin();
        this.connection = connectionOf(em);
    }

    static UnitOfWork begin(EntityManagerFactory emf) {
        EntityManager em = emf.createEntityManager();
        try {
            return new UnitOfWork(em);
        } catch (RuntimeException e) {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
            throw e;
        }
    }

    EntityManager em() {
        return em;
    }

    Connection connection() {
        return connection;
    }

    void commit() {
        em.getTransaction().commit();
        committed = true;
    }

    @Override
    public void close() {
        try {
            if (!committed && em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
        } finally {
            em.close();
        }
    }

    private static Connection connectionOf(EntityManager em) {
        if (em.getClass().getName().startsWith("org.hibernate.")) {
            return HibernateConnection.of(em);
        }
        // EclipseLink hands out its write connection, beginning the database transaction early if needed.
        return em.unwrap(Connection.class);
    }

    /** Kept apart so that Hibernate's classes are loaded only when Hibernate is the provider. */
    private static final class HibernateConnection {
        static Connection of(EntityManager em) {
            // The session keeps its connection until the transaction ends (resource-local default), so the
            // connection handed out here is the one the JPQL statements of this transaction use.
            return em.unwrap(org.hibernate.Session.class).doReturningWork(c -> c);
        }
    }
}
