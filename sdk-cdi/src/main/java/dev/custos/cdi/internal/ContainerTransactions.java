// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal;

import dev.custos.jpa.tx.Failures;
import dev.custos.jpa.tx.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Custos' own transactions on an application server. Each runs with the caller's transaction suspended, so it
 * commits on its own whatever the caller's does. Short bookkeeping then runs in the server's local transaction
 * on the connection; units of work on a JTA persistence unit run in a new transaction of the container's, which
 * the entity manager joins and the connection, taken inside it, is enlisted in.
 */
@ApplicationScoped
public class ContainerTransactions implements Transactions {

    private final Map<EntityManagerFactory, Boolean> jta = new ConcurrentHashMap<>();

    @Inject
    TransactionIsolation isolation;

    private volatile TransactionSynchronizationRegistry registry;

    @Override
    public <T> T inOwnTransaction(DataSource dataSource, SqlWork<T> work) throws SQLException {
        return outside(() -> RESOURCE_LOCAL.inOwnTransaction(dataSource, work));
    }

    @Override
    public <T> T onOwnConnection(DataSource dataSource, SqlWork<T> work) throws SQLException {
        return outside(() -> RESOURCE_LOCAL.onOwnConnection(dataSource, work));
    }

    /** {@code work} with the caller's transaction suspended, a failure other than SQL's wrapped in one. */
    private <T> T outside(Callable<T> work) throws SQLException {
        try {
            return isolation.outside(work);
        } catch (SQLException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new SQLException(e);
        }
    }

    @Override
    public <T> T inUnitTransaction(EntityManagerFactory emf, DataSource dataSource, UnitWork<T> work) {
        return unit(emf, dataSource, work, false);
    }

    /** Marks the container's transaction rollback-only instead of throwing through it, which Liberty would log. */
    @Override
    public <T> T inRolledBackUnitTransaction(EntityManagerFactory emf, DataSource dataSource, UnitWork<T> work) {
        return unit(emf, dataSource, work, true);
    }

    private <T> T unit(EntityManagerFactory emf, DataSource dataSource, UnitWork<T> work, boolean rollback) {
        try {
            return isolation.outside(() -> usesJta(emf) ? inJta(emf, dataSource, work, rollback)
                    : rollback ? RESOURCE_LOCAL.inRolledBackUnitTransaction(emf, dataSource, work)
                    : RESOURCE_LOCAL.inUnitTransaction(emf, dataSource, work));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw Failures.transactionFailed(e);
        }
    }

    /**
     * A connection enlisted in the container's transaction is in a transaction although drivers report auto-commit
     * on it (Liberty does).
     */
    @Override
    public boolean inTransaction(Connection connection) throws SQLException {
        return !connection.getAutoCommit() || containerTransactionActive();
    }

    private boolean containerTransactionActive() {
        TransactionSynchronizationRegistry found = registry();
        return found != null && found.getTransactionStatus() != Status.STATUS_NO_TRANSACTION;
    }

    /** From JNDI, where every Jakarta EE server binds it; null without JTA (Java SE). */
    private TransactionSynchronizationRegistry registry() {
        TransactionSynchronizationRegistry found = registry;
        if (found == null) {
            found = Jndi.lookup("java:comp/TransactionSynchronizationRegistry",
                    TransactionSynchronizationRegistry.class).orElse(null);
            registry = found;
        }
        return found;
    }


    /**
     * The unit of work in a new container transaction: the entity manager joins it, and the connection, taken inside
     * it, is enlisted in it. Anything thrown rolls it back; with {@code rollback} it is marked rollback-only.
     */
    private <T> T inJta(EntityManagerFactory emf, DataSource dataSource, UnitWork<T> work, boolean rollback)
            throws Exception {
        return isolation.inNewTransaction(() -> {
            EntityManager em = emf.createEntityManager();
            try (Connection connection = dataSource.getConnection()) {
                em.joinTransaction();
                T result = work.run(em, connection);
                em.flush();
                if (rollback) {
                    registry().setRollbackOnly();
                }
                return result;
            } finally {
                em.close();
            }
        });
    }

    private boolean usesJta(EntityManagerFactory emf) {
        return jta.computeIfAbsent(emf, factory -> {
            EntityManager em = factory.createEntityManager();
            try {
                em.getTransaction();
                return false;
            } catch (IllegalStateException containerManaged) {
                return true;
            } finally {
                em.close();
            }
        });
    }
}
