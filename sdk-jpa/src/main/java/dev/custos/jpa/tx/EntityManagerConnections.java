// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.tx;

import jakarta.persistence.EntityManager;
import java.sql.Connection;

/** The JDBC connection an entity manager's current transaction runs on, on either provider. */
public final class EntityManagerConnections {

    private EntityManagerConnections() {
    }

    /** The connection of {@code em}'s active transaction; statements on it belong to that transaction. */
    public static Connection of(EntityManager em) {
        if (em.getClass().getName().startsWith("org.hibernate.")) {
            return HibernateConnection.of(em);
        }
        // EclipseLink hands out its write connection, beginning the database transaction early if needed.
        return em.unwrap(Connection.class);
    }

    /** Kept apart so that Hibernate's classes are loaded only when Hibernate is the provider. */
    private static final class HibernateConnection {
        static Connection of(EntityManager em) {
            // The session keeps its connection until the transaction ends, so the connection handed out here is
            // the one the JPQL statements of this transaction use.
            return em.unwrap(org.hibernate.Session.class).doReturningWork(c -> c);
        }
    }
}
