// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.eclipselink;

import jakarta.persistence.EntityManager;
import java.sql.Connection;

/** The JDBC connection of an EclipseLink entity manager's transaction. Stateless and thread-safe. */
public final class EclipseLinkConnections {

    private EclipseLinkConnections() {
    }

    /**
     * The connection the entity manager's active transaction runs on. EclipseLink acquires it lazily; inside a
     * transaction {@code unwrap} begins the database transaction early, so later JPQL statements of the same
     * transaction use this very connection.
     */
    public static Connection of(EntityManager em) {
        return em.unwrap(Connection.class);
    }
}
