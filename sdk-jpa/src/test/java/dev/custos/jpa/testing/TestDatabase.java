// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A fresh, isolated database for one test: an in-memory Derby database, or a schema of its own on the
 * PostgreSQL server every machine here runs. Which kinds run comes from the system property
 * {@code custos.test.databases} ({@code derby} by default; {@code -Ppostgresql} adds {@code postgresql}).
 */
public final class TestDatabase implements AutoCloseable {

    public enum Kind { DERBY, POSTGRESQL }

    private final Kind kind;
    private final String url;
    private final String schema;

    private TestDatabase(Kind kind, String url, String schema) {
        this.kind = kind;
        this.url = url;
        this.schema = schema;
    }

    /** The kinds configured for this run. */
    public static List<Kind> configured() {
        return Arrays.stream(System.getProperty("custos.test.databases", "derby").split(","))
                .map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> Kind.valueOf(s.toUpperCase(java.util.Locale.ROOT))).toList();
    }

    public static TestDatabase create(Kind kind) {
        String name = "custos_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        if (kind == Kind.DERBY) {
            return new TestDatabase(kind, "jdbc:derby:memory:" + name + ";create=true", null);
        }
        String base = "jdbc:postgresql://127.0.0.1:5432/test";
        try (Connection c = DriverManager.getConnection(base, "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at 127.0.0.1:5432 (db test, user postgres) is not reachable", e);
        }
        return new TestDatabase(kind, base + "?currentSchema=" + name, name);
    }

    public Kind kind() {
        return kind;
    }

    public String url() {
        return url;
    }

    public String user() {
        return kind == Kind.POSTGRESQL ? "postgres" : "";
    }

    public String password() {
        return "";
    }

    public String driver() {
        return kind == Kind.POSTGRESQL ? "org.postgresql.Driver" : "org.apache.derby.jdbc.EmbeddedDriver";
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user(), password());
    }

    /** A non-pooling data source over {@link #connect()}, as a container's would be in production. */
    public DataSource dataSource() {
        return new DriverManagerDataSource(this);
    }

    @Override
    public void close() {
        if (kind == Kind.POSTGRESQL) {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        } else {
            try {
                DriverManager.getConnection(url.replace(";create=true", ";drop=true"));
            } catch (SQLException expected) {
                // Derby reports a successful drop as an exception (SQLState 08006)
            }
        }
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
