// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.hibernate;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import org.hibernate.Session;

/** The JDBC connection of a Hibernate session's transaction. Stateless and thread-safe. */
public final class HibernateConnections {

    private HibernateConnections() {
    }

    /** The connection the session's current transaction runs on; the session keeps owning it. */
    public static Connection of(EntityManager em) {
        return em.unwrap(Session.class).doReturningWork(connection -> connection);
    }
}
