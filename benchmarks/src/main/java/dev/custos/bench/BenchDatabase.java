// SPDX-License-Identifier: Apache-2.0
package dev.custos.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A fresh, empty database for one benchmark: Derby in memory, or a schema of its own on the PostgreSQL server at
 * 127.0.0.1:5432 (database {@code test}, user {@code postgres}, trust authentication), as the sdk-jpa tests use.
 * Connections come from one HikariCP pool, which the persistence units and Custos share, as they would share the
 * server's data source in an application. Closing closes the pool and drops the database or schema.
 */
final class BenchDatabase implements AutoCloseable {

    static final String DERBY = "derby";
    static final String POSTGRESQL = "postgresql";

    private static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String PG_USER = "postgres";

    private final String kind;
    private final String url;
    private final String schema;
    private final HikariDataSource pool;
    private final DataSource dataSource;

    private BenchDatabase(String kind, String url, String schema, int poolSize) {
        this.kind = kind;
        this.url = url;
        this.schema = schema;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(isDerby() ? "" : PG_USER);
        config.setPassword("");
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(2);
        config.setPoolName("bench-" + kind);
        this.pool = new HikariDataSource(config);
        this.dataSource = StatementCounter.wrap(pool);
    }

    /** A new empty database of {@code kind} ({@value #DERBY} or {@value #POSTGRESQL}). */
    static BenchDatabase create(String kind) {
        return create(kind, 8);
    }

    /** As {@link #create(String)}, with a pool of up to {@code poolSize} connections. */
    static BenchDatabase create(String kind, int poolSize) {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        switch (kind) {
            case DERBY:
                String url = "jdbc:derby:memory:bench-" + suffix;
                try {
                    // created here, so the pool's connections need no ";create=true" (which warns once it exists)
                    DriverManager.getConnection(url + ";create=true").close();
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot create Derby database " + url, e);
                }
                return new BenchDatabase(kind, url, null, poolSize);
            case POSTGRESQL:
                String schema = "custos_bench_" + suffix;
                try (Connection admin = DriverManager.getConnection(PG_URL, PG_USER, "");
                     Statement statement = admin.createStatement()) {
                    statement.execute("CREATE SCHEMA " + schema);
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot reach PostgreSQL at " + PG_URL, e);
                }
                return new BenchDatabase(kind, PG_URL + "?currentSchema=" + schema, schema, poolSize);
            default:
                throw new IllegalArgumentException("unknown database " + kind + "; use derby or postgresql");
        }
    }

    /** Whether the PostgreSQL server answers. */
    static boolean postgresqlReachable() {
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "")) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    String kind() {
        return kind;
    }

    /** The short name used in result names: {@code derby} or {@code pg}. */
    String tag() {
        return isDerby() ? "derby" : "pg";
    }

    boolean isDerby() {
        return DERBY.equals(kind);
    }

    /** The pool, as the persistence units and Custos get it (counting statements if that is switched on). */
    DataSource dataSource() {
        return dataSource;
    }

    Connection connect() throws SQLException {
        return pool.getConnection();
    }

    void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    long count(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Empties the application's tables (never Custos's, which refuse it) so every run starts alike. */
    void truncate(String... tables) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String table : tables) {
                s.execute("TRUNCATE TABLE " + table);
            }
        }
    }

    /**
     * PostgreSQL: VACUUM ANALYZE of {@code tables}, so runs on freshly loaded tables start alike, with hint bits
     * set and statistics known. Nothing on Derby.
     */
    void vacuumAnalyze(String... tables) throws SQLException {
        if (!isDerby()) {
            for (String table : tables) {
                execute("VACUUM ANALYZE " + table);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        pool.close();
        if (isDerby()) {
            try {
                DriverManager.getConnection(url + ";drop=true").close();
            } catch (SQLException e) {
                if (!"08006".equals(e.getSQLState())) { // Derby's way of saying "dropped"
                    throw e;
                }
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
        return kind.toLowerCase(Locale.ROOT);
    }
}
