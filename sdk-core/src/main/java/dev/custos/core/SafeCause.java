// SPDX-License-Identifier: Apache-2.0
package dev.custos.core;

import java.lang.reflect.Method;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Describes a failure for a Custos message or log line without any text a driver, a provider or application code
 * wrote: such text may carry personal data (PostgreSQL's "Failing row contains (...)", Derby's "for key (...)",
 * a policy's own message). What remains is the chain of exception class names, a Custos message id, and of the
 * database error its SQLState, vendor code, and the name of the violated constraint or column. The exception
 * itself stays the cause of what Custos throws, for an application that chooses to log it.
 * <p>
 * A type, not a String, so that every message's cause parameter takes only this: a caller cannot pass
 * {@code e.getMessage()} where a cause belongs. Only {@link #of(Throwable)}, which sanitizes,
 * {@link #of(Message)}, a failure Custos reported in its own numbered words, and {@link #returnedNull()} make one.
 * Immutable.
 */
public final class SafeCause {

    /** A database object name, and nothing that could be a value. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$#.\"]{0,127}");
    /** Derby names the constraint in quotes: "check constraint 'X'", "constraint or unique index identified by 'X'". */
    private static final Pattern DERBY_CONSTRAINT =
            Pattern.compile("constraint (?:or unique index identified by )?'([^']{1,128})'");
    /** Derby's NOT NULL violation: "Column 'X'  cannot accept a NULL value." */
    private static final Pattern DERBY_COLUMN = Pattern.compile("^Column '([^']{1,128})'\\s+cannot accept a NULL");
    /** MariaDB's CHECK failure (error 4025): "CONSTRAINT `X` failed for `db`.`table`". */
    private static final Pattern MARIADB_CONSTRAINT = Pattern.compile("CONSTRAINT `([^`]{1,128})` failed");
    /** MariaDB's duplicate key (error 1062): "Duplicate entry '...' for key 'X'"; only the key's name is taken. */
    private static final Pattern MARIADB_KEY = Pattern.compile("for key '([^']{1,128})'\\s*$");
    /** MariaDB's NOT NULL violation (error 1048): "Column 'X' cannot be null". */
    private static final Pattern MARIADB_COLUMN = Pattern.compile("Column '([^']{1,128})' cannot be null");
    /** What the JVM writes in a linkage error: a type or member descriptor. */
    private static final Pattern LINKAGE = Pattern.compile("[A-Za-z0-9_$.;/()\\[\\]<>' ]{1,300}");
    private static final int MAX_DEPTH = 16;

    private final String text;

    private SafeCause(String text) {
        this.text = text;
    }

    /**
     * For example {@code PersistenceException > PSQLException (SQLState 23514, vendor code 0, constraint
     * client_email_check)}; {@code "unknown"} for null.
     */
    public static SafeCause of(Throwable failure) {
        return new SafeCause(failure == null ? "unknown" : describe(failure));
    }

    /**
     * A failure Custos reported itself, with its text: a {@link Message} is made by a {@code *Messages} method,
     * whose parameters carry no personal data either.
     */
    public static SafeCause of(Message reported) {
        return new SafeCause(reported.toString());
    }

    /** The cause when code Custos called returned null where it must answer: "it returned null". */
    public static SafeCause returnedNull() {
        return new SafeCause("it returned null");
    }

    /** The description, as messages format it. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SafeCause cause && cause.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    private static String describe(Throwable failure) {
        List<String> names = new ArrayList<>();
        List<SQLException> errors = new ArrayList<>();
        String constraint = null;
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t) && names.size() < MAX_DEPTH; t = t.getCause()) {
            names.add(t instanceof CustosException custos ? t.getClass().getSimpleName() + " " + custos.messageId()
                    : t.getClass().getSimpleName() + errorCode(t) + position(t));
            constraint = constraint != null ? constraint : name(invoke(t, "getConstraintName"));
            if (t instanceof SQLException sql) {
                // a batch's own exception says little; the statement's error follows as the next exception
                for (SQLException next = sql; next != null && errors.size() < MAX_DEPTH;
                     next = next.getNextException()) {
                    errors.add(next);
                }
            }
        }
        SQLException database = errors.stream().filter(e -> constraintOf(e) != null || columnOf(e) != null)
                .findFirst().orElseGet(() -> errors.stream().filter(e -> e.getSQLState() != null)
                        .reduce((first, second) -> second).orElse(errors.isEmpty() ? null : errors.get(0)));
        StringBuilder text = new StringBuilder(String.join(" > ", names));
        if (database != null) {
            text.append(" (SQLState ").append(database.getSQLState() == null ? "none" : database.getSQLState())
                    .append(", vendor code ").append(database.getErrorCode());
            String fromDriver = constraintOf(database);
            if (fromDriver != null || constraint != null) {
                text.append(", constraint ").append(fromDriver != null ? fromDriver : constraint);
            }
            String column = columnOf(database);
            if (column != null) {
                text.append(", column ").append(column);
            }
            text.append(')');
        } else if (constraint != null) {
            text.append(" (constraint ").append(constraint).append(')');
        }
        return text.toString();
    }

    /** The constraint PostgreSQL's server message names, or the one Derby's or MariaDB's message quotes; null if none. */
    private static String constraintOf(SQLException e) {
        Object server = invoke(e, "getServerErrorMessage");
        if (server != null) {
            return name(invoke(server, "getConstraint"));
        }
        if (isDerby(e) && e.getMessage() != null) {
            Matcher m = DERBY_CONSTRAINT.matcher(e.getMessage());
            return m.find() ? name(m.group(1)) : null;
        }
        if (isMariadbIntegrity(e)) {
            Matcher m = (e.getErrorCode() == 1062 ? MARIADB_KEY : MARIADB_CONSTRAINT).matcher(e.getMessage());
            return m.find() ? name(m.group(1)) : null;
        }
        return null;
    }

    /** The column of a NOT NULL violation, from PostgreSQL's server message or Derby's message; null if none. */
    private static String columnOf(SQLException e) {
        Object server = invoke(e, "getServerErrorMessage");
        if (server != null) {
            return name(invoke(server, "getColumn"));
        }
        if (isDerby(e) && e.getMessage() != null) {
            Matcher m = DERBY_COLUMN.matcher(e.getMessage());
            return m.find() ? name(m.group(1)) : null;
        }
        if (isMariadbIntegrity(e) && e.getErrorCode() == 1048) {
            Matcher m = MARIADB_COLUMN.matcher(e.getMessage());
            return m.find() ? name(m.group(1)) : null;
        }
        return null;
    }

    /** A MariaDB (or MySQL) integrity error whose message names a constraint, key or column. */
    private static boolean isMariadbIntegrity(SQLException e) {
        int code = e.getErrorCode();
        return (code == 4025 || code == 1062 || code == 1048) && e.getMessage() != null
                && e.getSQLState() != null && e.getSQLState().startsWith("23");
    }

    /** Derby's own exception, or a java.sql one Derby raised (its cause is Derby's StandardException). */
    private static boolean isDerby(SQLException e) {
        return e.getClass().getName().startsWith("org.apache.derby.")
                || e.getCause() != null && e.getCause().getClass().getName().startsWith("org.apache.derby.");
    }

    /**
     * Where a parser failed in a file (numbers only, no text of the file): " at line 3, column 7"; or, for a
     * linkage error the JVM raised, the class or member it names (a descriptor, never data): " ('void
     * org.example.Type.method()')".
     */
    private static String position(Throwable t) {
        if (t instanceof org.xml.sax.SAXParseException parse && parse.getLineNumber() > 0) {
            return " at line " + parse.getLineNumber() + ", column " + parse.getColumnNumber();
        }
        boolean fromTheJvm = t instanceof NoSuchMethodError || t instanceof NoSuchFieldError
                || t instanceof NoClassDefFoundError || t instanceof AbstractMethodError;
        String named = t.getMessage();
        boolean descriptor = named != null && LINKAGE.matcher(named).matches()
                && (named.contains(".") || named.contains("/")) && named.chars().filter(c -> c == ' ').count() <= 4;
        return fromTheJvm && descriptor ? " (" + named + ")" : "";
    }

    /** A library's error code when it is an enum constant (Flyway's {@code ErrorCode}), else empty. */
    private static String errorCode(Throwable t) {
        return t instanceof SQLException ? "" : invoke(t, "getErrorCode") instanceof Enum<?> code
                ? " [" + code.name() + "]" : "";
    }

    /** The name if it looks like one; a value never passes. */
    private static String name(Object candidate) {
        return candidate instanceof String s && NAME.matcher(s).matches() ? s : null;
    }

    /** A public no-argument method's result, found by name so that no driver or provider is a compile dependency. */
    private static Object invoke(Object target, String method) {
        try {
            Method m = target.getClass().getMethod(method);
            return m.getParameterCount() == 0 ? m.invoke(target) : null;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }
}
