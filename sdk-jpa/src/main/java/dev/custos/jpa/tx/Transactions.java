// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.tx;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs the transactions Custos needs of its own, apart from the caller's: short bookkeeping on the SDK's tables
 * (a read audit, a new pseudonym key) and the units of request execution and sweeps, where JPQL changes of the
 * application's tables and the SDK's rows commit or roll back together.
 * <p>
 * {@link #RESOURCE_LOCAL}, the default, uses JDBC and resource-local entity-manager transactions. The CDI
 * module supplies one that suspends the caller's JTA transaction and uses the container's, so that the
 * same code runs in Java SE and on an application server. Implementations must be thread-safe.
 */
public interface Transactions {

    /** JDBC and resource-local entity-manager transactions, for Java SE. */
    Transactions RESOURCE_LOCAL = new ResourceLocalTransactions();

    /**
     * Runs {@code work} outside the caller's transaction, on a connection to {@code dataSource} with auto-commit
     * off: what it leaves uncommitted is committed when it returns and rolled back when it throws. Work may commit
     * along the way (batches that each stand alone), and must not close the connection.
     */
    <T> T inOwnTransaction(DataSource dataSource, SqlWork<T> work) throws SQLException;

    /**
     * Runs {@code work} outside the caller's transaction on a connection to {@code dataSource} in auto-commit mode,
     * so that a statement that does all its work alone commits in the same round trip; work that needs several
     * statements together turns auto-commit off, commits and turns it on again itself. The default runs it as
     * {@link #inOwnTransaction} does (auto-commit off, committed when it returns): correct, one round trip slower.
     */
    default <T> T onOwnConnection(DataSource dataSource, SqlWork<T> work) throws SQLException {
        return inOwnTransaction(dataSource, work);
    }

    /**
     * Runs {@code work} in a transaction of its own with an entity manager of {@code emf} and a connection whose
     * statements are part of the same transaction, committed when it returns and rolled back when it throws.
     * Work must neither commit nor close anything; to end the transaction without committing, throw.
     */
    <T> T inUnitTransaction(EntityManagerFactory emf, DataSource dataSource, UnitWork<T> work);

    /**
     * As {@link #inUnitTransaction}, but always rolled back: for work that only decides (a dry run, a preview), so
     * that a write nobody meant never commits. It ends without an exception: a container logs an incident for
     * every exception that leaves its transaction, and a dry run is no failure.
     */
    default <T> T inRolledBackUnitTransaction(EntityManagerFactory emf, DataSource dataSource, UnitWork<T> work) {
        java.util.concurrent.atomic.AtomicReference<T> result = new java.util.concurrent.atomic.AtomicReference<>();
        try {
            inUnitTransaction(emf, dataSource, (em, connection) -> {
                result.set(work.run(em, connection));
                throw new RolledBack();
            });
        } catch (RolledBack expected) {
            // the rollback asked for
        }
        return result.get();
    }

    /** Ends a unit of {@link #inRolledBackUnitTransaction} without committing. */
    final class RolledBack extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RolledBack() {
            super(null, null, false, false);
        }
    }

    /**
     * Whether statements on {@code connection} run in a transaction (so that an append to the audit chain holds
     * its head lock until the end). Resource-local: auto-commit is off. A container may enlist a connection in its
     * transaction while the driver still reports auto-commit.
     */
    default boolean inTransaction(Connection connection) throws SQLException {
        return !connection.getAutoCommit();
    }

    /** Work on a JDBC connection. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Work with an entity manager and the JDBC connection of its transaction. */
    @FunctionalInterface
    interface UnitWork<T> {
        T run(EntityManager em, Connection connection) throws SQLException;
    }
}
