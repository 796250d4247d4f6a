// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.testing;

import dev.custos.jpa.tx.Transactions;
import jakarta.persistence.EntityManagerFactory;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * Resource-local transactions that can be made to fail once, before the work runs, with a failure of the test's
 * choosing (a driver error carrying a row's values, say), as a database refusing the transaction would.
 */
public final class FailingTransactions implements Transactions {

    private final AtomicReference<SQLException> own = new AtomicReference<>();
    private final AtomicReference<RuntimeException> unit = new AtomicReference<>();

    /** The next {@link #inOwnTransaction} throws {@code failure}. */
    public void failNextOwn(SQLException failure) {
        own.set(failure);
    }

    /** The next {@link #inUnitTransaction} throws {@code failure}. */
    public void failNextUnit(RuntimeException failure) {
        unit.set(failure);
    }

    @Override
    public <T> T inOwnTransaction(DataSource dataSource, SqlWork<T> work) throws SQLException {
        SQLException failure = own.getAndSet(null);
        if (failure != null) {
            throw failure;
        }
        return RESOURCE_LOCAL.inOwnTransaction(dataSource, work);
    }

    @Override
    public <T> T inUnitTransaction(EntityManagerFactory emf, DataSource dataSource, UnitWork<T> work) {
        RuntimeException failure = unit.getAndSet(null);
        if (failure != null) {
            throw failure;
        }
        return RESOURCE_LOCAL.inUnitTransaction(emf, dataSource, work);
    }
}
