// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A data source that can be made to refuse connections, as a database outage would, and that counts the
 * connections it hands out and the transactions committed on them.
 */
public final class SwitchableDataSource extends TestDataSource {

    private final DataSource delegate;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger commits = new AtomicInteger();
    private volatile boolean down;

    public SwitchableDataSource(DataSource delegate) {
        this.delegate = delegate;
    }

    public void goDown() {
        down = true;
    }

    /** How many connections it handed out so far. */
    public int connections() {
        return connections.get();
    }

    /**
     * How many transactions committed on connections of this data source so far: calls of {@code commit()}, and
     * updates run by prepared statements in auto-commit mode (each commits alone).
     */
    public int commits() {
        return commits.get();
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (down) {
            throw new SQLException("Connection refused (simulated outage)", "08001");
        }
        Connection connection = delegate.getConnection();
        connections.incrementAndGet();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("commit")) {
                        commits.incrementAndGet();
                    }
                    Object result = invoke(method, connection, args);
                    if (method.getName().equals("prepareStatement")) {
                        return autoCommitted(connection, (PreparedStatement) result);
                    }
                    return result;
                });
    }

    /** {@code statement}, counting each update it runs while {@code connection} is in auto-commit mode. */
    private PreparedStatement autoCommitted(Connection connection, PreparedStatement statement) {
        return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    Object result = invoke(method, statement, args);
                    if (method.getName().equals("executeUpdate") && connection.getAutoCommit()) {
                        commits.incrementAndGet();
                    }
                    return result;
                });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
