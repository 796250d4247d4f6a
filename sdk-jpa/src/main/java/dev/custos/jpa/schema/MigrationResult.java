// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.schema;

import java.util.Objects;

/**
 * What {@link CustosSchema#migrate(javax.sql.DataSource)} did. Immutable and thread-safe.
 *
 * @param database           the database product, as its JDBC driver names it (for example {@code PostgreSQL})
 * @param versionBefore      the Custos schema version before the migration; 0 for a database without Custos tables
 * @param versionAfter       the version after it
 * @param migrationsExecuted how many migrations ran; 0 when the schema was already up to date
 */
public record MigrationResult(String database, int versionBefore, int versionAfter, int migrationsExecuted) {

    public MigrationResult {
        Objects.requireNonNull(database, "database");
    }

    /** Whether nothing had to be done. */
    public boolean upToDate() {
        return migrationsExecuted == 0;
    }
}
