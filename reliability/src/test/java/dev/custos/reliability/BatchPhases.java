// SPDX-License-Identifier: Apache-2.0
package dev.custos.reliability;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A data source around another one that watches the SQL of a sweep's batches and stops the sweeping thread at a
 * named phase of one batch: it prints {@code PHASE <name> <n>} and blocks for ever, so that the test kills the
 * JVM there. The phases are located by what the batch's transaction runs on its connection (the JPA provider and
 * Custos share it): the erasure is the {@code UPDATE} of the {@code Client} table, the log write the
 * {@code INSERT INTO custos_erasure_log} or, on PostgreSQL, the unwrapping of the driver's connection for its COPY,
 * the commit {@link Connection#commit()}. Batches are counted by their
 * erasures: batch {@code n} is the n-th transaction that erases. Test code only; nothing in Custos knows of it.
 */
final class BatchPhases {

    /** Where in a batch the sweeping thread stops. */
    enum Phase {
        /** The rows are nulled in the transaction; nothing is logged or audited yet. */
        AFTER_ERASURE,
        /** About to write the erasure log (the rows nulled, the subjects' pseudonym keys made). */
        BEFORE_LOG,
        /** The batch is erased, logged and audited; about to commit. */
        BEFORE_COMMIT
    }

    private final Phase phase;
    private final int target;
    private final PrintStream out;
    private final AtomicInteger erasingTransactions = new AtomicInteger();

    BatchPhases(Phase phase, int target, PrintStream out) {
        this.phase = phase;
        this.target = target;
        this.out = out;
    }

    DataSource around(DataSource delegate) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(delegate, method, args);
                    return result instanceof Connection c ? connection(c) : result;
                });
    }

    private Connection connection(Connection delegate) {
        int[] transaction = {0}; // the number of this connection's erasing transaction, 0 while it erased nothing
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.equals("commit") && transaction[0] != 0) {
                        stopIf(Phase.BEFORE_COMMIT, transaction[0]);
                    }
                    if (name.equals("unwrap") && transaction[0] != 0) {
                        // on PostgreSQL the log is written by COPY on the driver's own connection, unwrapped
                        // first: the first unwrap after the erasure is the log's, before the audit's COPY
                        stopIf(Phase.BEFORE_LOG, transaction[0]);
                    }
                    Object result = invoke(delegate, method, args);
                    if (name.equals("commit") || name.equals("rollback") && (args == null || args.length == 0)) {
                        transaction[0] = 0;
                    }
                    if (name.equals("prepareStatement") && result instanceof PreparedStatement statement) {
                        return statement(statement, (String) args[0], transaction);
                    }
                    return result;
                });
    }

    private PreparedStatement statement(PreparedStatement delegate, String sql, int[] transaction) {
        String text = sql.toLowerCase(Locale.ROOT);
        boolean erasure = text.startsWith("update client ");
        boolean log = text.startsWith("insert into custos_erasure_log");
        return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    boolean executes = method.getName().startsWith("execute");
                    if (executes && log && transaction[0] != 0) {
                        stopIf(Phase.BEFORE_LOG, transaction[0]);
                    }
                    Object result = invoke(delegate, method, args);
                    if (executes && erasure) {
                        if (transaction[0] == 0) {
                            transaction[0] = erasingTransactions.incrementAndGet();
                        }
                        stopIf(Phase.AFTER_ERASURE, transaction[0]);
                    }
                    return result;
                });
    }

    private void stopIf(Phase reached, int transaction) throws InterruptedException {
        if (reached == phase && transaction == target) {
            out.println("PHASE " + reached + " " + transaction);
            out.flush();
            new CountDownLatch(1).await(); // until the test kills this JVM
        }
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
