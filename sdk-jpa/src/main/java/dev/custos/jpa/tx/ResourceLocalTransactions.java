// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.tx;

import dev.custos.core.CustosException;
import dev.custos.jpa.internal.JpaMessages;
import dev.custos.jpa.internal.SanitizedCause;
import dev.custos.jpa.internal.TransactionConnection;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** {@link Transactions#RESOURCE_LOCAL}. */
final class ResourceLocalTransactions implements Transactions {

    @Override
    public <T> T inOwnTransaction(DataSource dataSource, SqlWork<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (RuntimeException | SQLException | Error e) {
                connection.rollback();
                throw e;
            }
        }
    }

    @Override
    public <T> T onOwnConnection(DataSource dataSource, SqlWork<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            return work.run(connection);
        }
    }

    @Override
    public <T> T inUnitTransaction(EntityManagerFactory emf, DataSource dataSource, UnitWork<T> work) {
        EntityManager em = emf.createEntityManager();
        try {
            EntityTransaction tx;
            try {
                tx = em.getTransaction();
            } catch (IllegalStateException jta) {
                throw new CustosException(JpaMessages.jtaWithoutTransactions(), jta);
            }
            tx.begin();
            try {
                T result = work.run(em, TransactionConnection.of(em));
                tx.commit();
                return result;
            } catch (SQLException e) {
                throw new CustosException(JpaMessages.unitTransactionFailed(SanitizedCause.describe(e)), e);
            } finally {
                if (tx.isActive()) {
                    tx.rollback();
                }
            }
        } finally {
            em.close();
        }
    }
}
