// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.testing;

import dev.custos.jpa.schema.CustosSchema;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * A fresh, empty database for one test: Derby in memory, a schema of its own on the PostgreSQL server at
 * 127.0.0.1:5432 (database {@code test}, user {@code postgres}, trust authentication), or a database
 * {@code custos_<random>} of its own on the MariaDB server at 127.0.0.1:3306 (user {@code root}, empty
 * password). Which databases the tests run on comes from the system property {@code custos.test.databases}
 * (comma list, default {@code derby}); the pom sets it, {@code -Ppostgresql} makes it {@code derby,postgresql}
 * and {@code -Pmariadb} {@code derby,mariadb}.
 * <p>
 * MariaDB connections run at READ COMMITTED, the level Custos' stores are written for (MariaDB's default is
 * REPEATABLE READ); the JPA guide tells applications to do the same.
 * <p>
 * Closing drops the database (Derby, MariaDB) or the schema (PostgreSQL).
 */
public final class TestDatabase implements AutoCloseable {

    public static final String DERBY = "derby";
    public static final String POSTGRESQL = "postgresql";
    public static final String MARIADB = "mariadb";

    private static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String PG_USER = "postgres";
    private static final String MARIADB_SERVER = "jdbc:mariadb://127.0.0.1:3306/";
    private static final String MARIADB_OPTIONS = "?sessionVariables=tx_isolation='READ-COMMITTED'";
    private static final String MARIADB_USER = "root";

    private final String name;
    private final String url;
    private final String schema; // the PostgreSQL schema or MariaDB database to drop

    private TestDatabase(String name, String url, String schema) {
        this.name = name;
        this.url = url;
        this.schema = schema;
    }

    /** The configured database names, for {@code @MethodSource}. */
    public static Stream<String> configured() {
        return names().stream();
    }

    static List<String> names() {
        String value = System.getProperty("custos.test.databases", DERBY);
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    /** A new empty database of the named kind. */
    public static TestDatabase empty(String name) {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        switch (name) {
            case DERBY:
                return new TestDatabase(name, "jdbc:derby:memory:custos-" + suffix, null);
            case POSTGRESQL:
                String schema = "custos_test_" + suffix;
                try (Connection admin = DriverManager.getConnection(PG_URL, PG_USER, "");
                     Statement statement = admin.createStatement()) {
                    statement.execute("CREATE SCHEMA " + schema);
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot reach PostgreSQL at " + PG_URL, e);
                }
                return new TestDatabase(name, PG_URL + "?currentSchema=" + schema, schema);
            case MARIADB:
                String database = "custos_" + suffix;
                try (Connection admin = DriverManager.getConnection(MARIADB_SERVER, MARIADB_USER, "");
                     Statement statement = admin.createStatement()) {
                    statement.execute("CREATE DATABASE " + database
                            + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot reach MariaDB at " + MARIADB_SERVER, e);
                }
                return new TestDatabase(name, MARIADB_SERVER + database + MARIADB_OPTIONS, database);
            default:
                throw new IllegalArgumentException("unknown test database " + name
                        + "; use derby, postgresql or mariadb");
        }
    }

    /** A new database of the named kind with the Custos tables at the latest version. */
    public static TestDatabase migrated(String name) {
        TestDatabase db = empty(name);
        CustosSchema.migrate(db.dataSource());
        return db;
    }

    public String name() {
        return name;
    }

    public boolean isPostgresql() {
        return POSTGRESQL.equals(name);
    }

    public boolean isMariadb() {
        return MARIADB.equals(name);
    }

    /** A data source handing out new connections (auto-commit on, as JDBC starts them). */
    public DataSource dataSource() {
        return new TestDataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                return connect();
            }
        };
    }

    /**
     * A new connection with auto-commit off: a transaction of the caller, as an application would have.
     * Closing it rolls back what was not committed (Derby refuses to close a connection mid-transaction).
     */
    public Connection transaction() throws SQLException {
        Connection connection = connect();
        connection.setAutoCommit(false);
        return (Connection) Proxy.newProxyInstance(TestDatabase.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close") && !connection.isClosed()) {
                        connection.rollback();
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The JDBC URL, for a persistence unit's {@code jakarta.persistence.jdbc.url}. */
    public String url() {
        return DERBY.equals(name) ? url + ";create=true" : url;
    }

    public String user() {
        return switch (name) {
            case DERBY -> "";
            case MARIADB -> MARIADB_USER;
            default -> PG_USER;
        };
    }

    public String password() {
        return "";
    }

    public String driver() {
        return switch (name) {
            case DERBY -> "org.apache.derby.jdbc.EmbeddedDriver";
            case MARIADB -> "org.mariadb.jdbc.Driver";
            default -> "org.postgresql.Driver";
        };
    }

    /** A new connection with auto-commit on. */
    public Connection connect() throws SQLException {
        return DERBY.equals(name) ? DriverManager.getConnection(url + ";create=true")
                : DriverManager.getConnection(url, user(), "");
    }

    @Override
    public void close() throws SQLException {
        if (DERBY.equals(name)) {
            try {
                DriverManager.getConnection(url + ";drop=true").close();
            } catch (SQLException e) {
                if (!"08006".equals(e.getSQLState())) { // 08006 is Derby's way of saying "dropped"
                    throw e;
                }
            }
        } else if (MARIADB.equals(name)) {
            try (Connection admin = DriverManager.getConnection(MARIADB_SERVER, MARIADB_USER, "");
                 Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE " + schema);
            }
        } else {
            try (Connection admin = DriverManager.getConnection(PG_URL, PG_USER, "");
                 Statement statement = admin.createStatement()) {
                statement.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
