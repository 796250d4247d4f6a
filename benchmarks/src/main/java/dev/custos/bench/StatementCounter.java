// SPDX-License-Identifier: Apache-2.0
package dev.custos.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * For "where the time goes" only, off unless {@code -Dcustos.bench.count-statements=true}: wraps a data source
 * so that every statement executed through it (by the provider and by Custos alike) is counted by its SQL text,
 * and connections handed out and commits too. Adds a little overhead per statement, so figures taken with it on
 * are not reported as results.
 */
final class StatementCounter {

    static final boolean ENABLED = Boolean.getBoolean("custos.bench.count-statements");

    private static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();

    private StatementCounter() {
    }

    static DataSource wrap(DataSource target) {
        if (!ENABLED) {
            return target;
        }
        return (DataSource) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    if (result instanceof Connection connection) {
                        count("(connection from the pool)");
                        return connection(connection);
                    }
                    return result;
                });
    }

    static void reset() {
        COUNTS.clear();
    }

    /** Prints the counts since the last {@link #reset} as notes, when counting is on. */
    static void print(String label, long per, String unit) {
        if (ENABLED) {
            Report.note("statements " + label + ":");
            report(per, unit).stream().limit(25).forEach(line -> Report.note("  " + line));
        }
    }

    /** The counts, largest first, one "count  sql" line each; the SQL cut to 110 characters. */
    static List<String> report(long per, String unit) {
        return COUNTS.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, LongAdder> e) -> e.getValue().sum()).reversed())
                .map(e -> String.format(java.util.Locale.ROOT, "%9d  (%s per %s)  %s", e.getValue().sum(),
                        Stats.format(e.getValue().sum() / (double) per), unit, e.getKey()))
                .toList();
    }

    private static Connection connection(Connection target) {
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (name.equals("commit")) {
                count("(commit)");
            } else if (name.equals("rollback") && (args == null || args.length == 0)) {
                count("(rollback)");
            }
            Object result = invoke(target, method, args);
            if (result instanceof PreparedStatement prepared && args != null && args.length > 0
                    && args[0] instanceof String sql) {
                return statement(prepared, PreparedStatement.class, sql);
            }
            if (result instanceof Statement statement && !(result instanceof PreparedStatement)) {
                return statement(statement, Statement.class, null);
            }
            return result;
        };
        return (Connection) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(),
                new Class<?>[] {Connection.class}, handler);
    }

    private static <T extends Statement> T statement(T target, Class<T> type, String preparedSql) {
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (name.startsWith("execute")) {
                String sql = preparedSql != null ? preparedSql
                        : args != null && args.length > 0 && args[0] instanceof String s ? s : "(batch)";
                count((name.equals("executeBatch") ? "[batch] " : "") + normalise(sql));
            }
            return invoke(target, method, args);
        };
        return type.cast(Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {type},
                handler));
    }

    private static String normalise(String sql) {
        String oneLine = sql.replaceAll("\\s+", " ").strip();
        // IN lists of many parameters differ only in length: count them as one statement
        oneLine = oneLine.replaceAll("\\?(, ?\\?)+", "?,...");
        return oneLine.length() > 110 ? oneLine.substring(0, 110) + "..." : oneLine;
    }

    private static void count(String key) {
        COUNTS.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
