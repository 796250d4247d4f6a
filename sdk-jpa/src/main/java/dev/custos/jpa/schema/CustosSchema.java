// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.schema;

import dev.custos.core.CustosException;
import dev.custos.jpa.internal.SanitizedCause;
import dev.custos.jpa.internal.store.ConsentLedger;
import dev.custos.jpa.internal.store.SubjectKeys;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Creates and upgrades the SDK's own tables ({@code custos_*}) with Flyway.
 * <p>
 * The database is recognised from its JDBC {@link DatabaseMetaData}; Apache Derby, PostgreSQL and MariaDB (the
 * product name its own driver, MariaDB Connector/J, reports; tested on 10.11) are supported, and any other
 * database, MySQL among them, is refused with {@code CUSTOS-04001} (create the tables from the plain DDL in
 * {@code docs/sql/} instead). The migrations are versioned SQL scripts under {@code db/custos/<database>/} on
 * this module's class path, and Flyway looks nowhere else, so migrations of the application are never picked
 * up. Each folder holds an empty {@code flyway.location} file, without which Flyway cannot list a folder inside
 * a jar on Open Liberty and WebSphere. Custos keeps its own history table, {@value #HISTORY_TABLE}, next to the application's (if it uses
 * Flyway too, its history table is another one). Flyway's baselineOnMigrate is off: when Custos first meets a
 * database, it records a baseline at version 0 ("no Custos tables yet") and then applies every migration from
 * version 1, whatever other tables the schema holds.
 * <p>
 * The tables go into the data source's default schema (for PostgreSQL the first schema of the
 * {@code search_path}, for MariaDB the database named in the JDBC URL). Migrating takes its own connections
 * from the data source and commits them; run it at deployment, not inside a business transaction. Concurrent
 * migrations from several nodes are serialised by Flyway's lock on the history table. The upgrade to version 7
 * also chains the consent ledger's existing rows (SQL cannot compute their hashes on every database), in a
 * transaction of its own after Flyway's.
 * <p>
 * Stateless and thread-safe.
 */
public final class CustosSchema {

    /** The table where Flyway records which Custos schema versions were applied. */
    public static final String HISTORY_TABLE = "custos_schema_history";

    /** The newest schema version this Custos knows. */
    public static final int LATEST_VERSION = 13;

    /** The version that makes the consent ledger a hash chain; its rows from before are chained after it. */
    private static final int LEDGER_CHAIN_VERSION = 7;

    private CustosSchema() {
    }

    /** The databases Custos ships migrations for, and where they are. */
    private enum Vendor {
        DERBY("derby"),
        POSTGRESQL("postgresql"),
        MARIADB("mariadb");

        final String folder;

        Vendor(String folder) {
            this.folder = folder;
        }

        String location() {
            return "classpath:db/custos/" + folder;
        }
    }

    /**
     * Brings the Custos tables to {@link #LATEST_VERSION}. Does nothing if they are there already.
     *
     * @throws CustosException {@code CUSTOS-04001} for an unsupported database, {@code CUSTOS-04005} when a newer
     *                         Custos migrated the tables, {@code CUSTOS-04003} when a migration fails
     */
    public static MigrationResult migrate(DataSource dataSource) {
        return migrateTo(dataSource, LATEST_VERSION);
    }

    /**
     * Brings the Custos tables to {@code version}, and no further. Meant for tests of the upgrade path and for
     * staged roll-outs; applications call {@link #migrate(DataSource)}. A database already past {@code version}
     * is left alone.
     *
     * @param version from 1 to {@link #LATEST_VERSION}
     * @throws CustosException as {@link #migrate(DataSource)}, and {@code CUSTOS-04004} for an unknown version
     */
    public static MigrationResult migrateTo(DataSource dataSource, int version) {
        if (version < 1 || version > LATEST_VERSION) {
            throw new CustosException(SchemaMessages.unknownTargetVersion(Integer.toString(version),
                    Integer.toString(LATEST_VERSION)));
        }
        Product product = product(dataSource);
        Flyway flyway = flyway(dataSource, product.vendor(), MigrationVersion.fromVersion(Integer.toString(version)));
        int before = checkedCurrentVersion(flyway, product);
        try {
            if (before == 0 && flyway.info().applied().length == 0) {
                // Flyway refuses to migrate a non-empty schema without a history table unless it is baselined,
                // and Custos' tables usually join a schema full of the application's. A baseline at version 0
                // marks "no Custos tables yet" without skipping any migration; baselineOnMigrate stays off so
                // that Flyway never skips one on its own.
                flyway.baseline();
            }
            MigrateResult result = flyway.migrate();
            if (before < LEDGER_CHAIN_VERSION && version >= LEDGER_CHAIN_VERSION) {
                chainLedger(dataSource, product);
            }
            return new MigrationResult(product.name(), before, version(flyway.info().current()),
                    result.migrationsExecuted);
        } catch (FlywayException e) {
            throw new CustosException(SchemaMessages.migrationFailed(product.name(), SanitizedCause.describe(e)), e);
        }
    }

    /**
     * The Custos schema version of the database: the highest version applied, or 0 when there are no Custos
     * tables yet.
     *
     * @throws CustosException {@code CUSTOS-04001} for an unsupported database
     */
    public static int currentVersion(DataSource dataSource) {
        Product product = product(dataSource);
        try {
            return version(flyway(dataSource, product.vendor(), MigrationVersion.LATEST).info().current());
        } catch (FlywayException e) {
            throw new CustosException(SchemaMessages.migrationFailed(product.name(), SanitizedCause.describe(e)), e);
        }
    }

    /**
     * The same version as {@link #currentVersion}, read with one query of {@value #HISTORY_TABLE}: for readiness
     * probes, which are polled, while Flyway also reads every migration script on the class path each time. Asks
     * Flyway when that table cannot be read (no Custos tables yet, an unsupported database).
     *
     * @throws CustosException as {@link #currentVersion} does, when it falls back to it
     */
    public static int appliedVersion(DataSource dataSource) {
        // Derby's history table is upper case (see flyway(...)), which the unquoted name reaches on all three
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT version, success FROM " + HISTORY_TABLE)) {
            int highest = 0;
            while (rows.next()) {
                String version = rows.getString(1); // null for repeatable migrations, which Custos has none of
                if (version != null && rows.getBoolean(2)) {
                    highest = Math.max(highest, Integer.parseInt(version));
                }
            }
            return highest;
        } catch (SQLException | NumberFormatException e) {
            return currentVersion(dataSource);
        }
    }

    // SQL cannot compute the chain's hashes on every database, so the ledger's rows written before version 7 are
    // chained here, on the migrating account, right after the migration that added the chain's columns.
    private static void chainLedger(DataSource dataSource, Product product) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                new ConsentLedger(new SubjectKeys()).chainEarlierEvents(connection);
                connection.commit();
            } catch (RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new CustosException(SchemaMessages.migrationFailed(product.name(), SanitizedCause.describe(e)), e);
        }
    }

    private static int checkedCurrentVersion(Flyway flyway, Product product) {
        int current;
        try {
            current = version(flyway.info().current());
        } catch (FlywayException e) {
            throw new CustosException(SchemaMessages.migrationFailed(product.name(), SanitizedCause.describe(e)), e);
        }
        // Flyway ignores applied migrations it does not know ("future" ones) by default; a schema from a newer
        // Custos must not be used by an older one, whose SQL may no longer fit it.
        if (current > LATEST_VERSION) {
            throw new CustosException(SchemaMessages.newerThanKnown(Integer.toString(current),
                    Integer.toString(LATEST_VERSION)));
        }
        return current;
    }

    private static Flyway flyway(DataSource dataSource, Vendor vendor, MigrationVersion target) {
        return Flyway.configure(CustosSchema.class.getClassLoader())
                .dataSource(dataSource)
                .locations(vendor.location())
                .failOnMissingLocations(true)
                // Derby folds unquoted names to upper case and Flyway quotes them: upper case keeps the table
                // reachable as custos_schema_history in plain SQL.
                .table(vendor == Vendor.DERBY ? HISTORY_TABLE.toUpperCase(Locale.ROOT) : HISTORY_TABLE)
                .baselineOnMigrate(false)
                .baselineVersion(MigrationVersion.fromVersion("0"))
                .baselineDescription("no Custos tables yet")
                .cleanDisabled(true)
                .validateMigrationNaming(true)
                .target(target)
                .load();
    }

    private static int version(MigrationInfo current) {
        return current == null || current.getVersion() == null ? 0
                : Integer.parseInt(current.getVersion().getVersion());
    }

    private record Product(String name, String version, Vendor vendor) {
    }

    private static Product product(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        String name;
        String version;
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            name = meta.getDatabaseProductName();
            version = meta.getDatabaseProductVersion();
        } catch (SQLException e) {
            throw new CustosException(SchemaMessages.metadataUnreadable(SanitizedCause.describe(e)), e);
        }
        String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (lower.equals("apache derby")) {
            return new Product(name, version, Vendor.DERBY);
        }
        if (lower.equals("postgresql")) {
            return new Product(name, version, Vendor.POSTGRESQL);
        }
        if (lower.equals("mariadb")) {
            return new Product(name, version, Vendor.MARIADB);
        }
        throw new CustosException(SchemaMessages.unsupportedDatabase(String.valueOf(name), String.valueOf(version)));
    }
}
