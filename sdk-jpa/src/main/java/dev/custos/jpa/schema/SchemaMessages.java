// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.schema;

import dev.custos.core.Message;
import dev.custos.core.SafeCause;

/** Messages of the SDK tables and their migrations, ids 04000-04199 (see message-ranges.txt). */
final class SchemaMessages {

    private SchemaMessages() {
    }

    static Message unsupportedDatabase(String product, String version) {
        return Message.of(4001, "Custos has no migrations for %s %s; it migrates Apache Derby, PostgreSQL and"
                + " MariaDB. Create the tables yourself from docs/sql/postgresql-schema.sql (adapted to your database),"
                + " keep them out of CustosSchema.migrate, and tell the Custos project which database you use",
                product, version);
    }

    static Message metadataUnreadable(SafeCause cause) {
        return Message.of(4002, "Custos cannot tell which database it is connected to: reading the JDBC"
                + " DatabaseMetaData failed (%s). Check the data source's URL, user and password", cause);
    }

    static Message migrationFailed(String product, SafeCause cause) {
        return Message.of(4003, "Migrating the Custos tables on %s failed: %s. Flyway ran each migration in a"
                + " transaction where the database allows it; see custos_schema_history for the versions applied,"
                + " fix the cause and migrate again", product, cause);
    }

    static Message unknownTargetVersion(String target, String latest) {
        return Message.of(4004, "Custos schema version %s does not exist; versions run from 1 to %s", target, latest);
    }

    static Message newerThanKnown(String current, String latest) {
        return Message.of(4005, "The Custos tables are at schema version %s, but this Custos knows versions up to"
                + " %s only: a newer Custos migrated them. Upgrade this application's Custos, or restore the"
                + " database from before the newer one ran", current, latest);
    }

    /**
     * The text the database raises when an append-only table is changed. PostgreSQL's trigger function
     * {@code custos_refuse_change} and MariaDB's triggers {@code <table>_no_update} and {@code <table>_no_delete}
     * raise it word for word (with the operation for {@code operation}; MariaDB cannot stop TRUNCATE with a
     * trigger and reports the foreign key {@code <table>_no_truncate} instead, error 1701); Derby
     * cannot raise a text of its own and reports the CHECK constraint {@code <table>_is_append_only} of
     * {@code custos_append_only_violation} (SQLState 23513) or, for TRUNCATE, the foreign key
     * {@code <table>_no_truncate} (SQLState XCL48) instead.
     */
    static Message appendOnly(String table, String operation) {
        return Message.of(4010, "%s is append-only: %s is refused. Its rows are evidence and are never changed or"
                + " removed; record a correction as a new row instead.", table, operation);
    }
}
