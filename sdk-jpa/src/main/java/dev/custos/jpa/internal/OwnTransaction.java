// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.CustosException;
import dev.custos.core.Message;
import dev.custos.core.SafeCause;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.tx.Transactions;
import java.sql.SQLException;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Work in a transaction of Custos' own, with a database failure turned into the caller's numbered message: the one
 * way the services do it. The message gets the failure as {@link SanitizedCause} describes it (never a driver's
 * text, which may hold a row's values), and the exception keeps the failure as its cause. Stateless.
 */
public final class OwnTransaction {

    private OwnTransaction() {
    }

    /**
     * Runs {@code work} as {@link Transactions#inOwnTransaction} does.
     *
     * @param failed the message for a failure, given its sanitized description
     * @throws CustosException {@code failed}'s message when the database fails
     */
    public static <T> T run(Transactions transactions, DataSource dataSource, Function<SafeCause, Message> failed,
                            Transactions.SqlWork<T> work) {
        return translated(failed, () -> transactions.inOwnTransaction(dataSource, work));
    }

    /**
     * Runs {@code work} as {@link Transactions#onOwnConnection} does (auto-commit), failures as
     * {@link #run(Transactions, DataSource, Function, Transactions.SqlWork)} turns them.
     */
    public static <T> T onOwnConnection(Transactions transactions, DataSource dataSource,
                                        Function<SafeCause, Message> failed, Transactions.SqlWork<T> work) {
        return translated(failed, () -> transactions.onOwnConnection(dataSource, work));
    }

    /** As {@link #run(Transactions, DataSource, Function, Transactions.SqlWork)}, on the unit's database. */
    public static <T> T run(CustosRuntime runtime, Function<SafeCause, Message> failed, Transactions.SqlWork<T> work) {
        return run(runtime.transactions(), runtime.dataSource(), failed, work);
    }

    /** {@code call}'s result, a database failure turned into {@code failed}'s message with the failure as cause. */
    private static <T> T translated(Function<SafeCause, Message> failed, SqlCall<T> call) {
        try {
            return call.call();
        } catch (SQLException e) {
            throw new CustosException(failed.apply(SanitizedCause.describe(e)), e);
        }
    }

    @FunctionalInterface
    private interface SqlCall<T> {
        T call() throws SQLException;
    }
}
