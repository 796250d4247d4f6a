// SPDX-License-Identifier: Apache-2.0
package dev.custos.verifier;

import dev.custos.jpa.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Changes what the database refuses to change, as an administrator who owns Custos' tables can: the append-only
 * triggers are switched off (PostgreSQL) or dropped (Derby) first, for the tables given.
 */
final class Tampering {

    private Tampering() {
    }

    static void run(TestDatabase db, String table, String... statements) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            if (db.isPostgresql()) {
                s.execute("ALTER TABLE " + table + " DISABLE TRIGGER USER");
            } else {
                for (String trigger : new String[] {"_no_update", "_no_delete"}) {
                    try {
                        s.execute("DROP TRIGGER " + table + trigger);
                    } catch (SQLException alreadyDropped) {
                        // a second tampering of the same table
                    }
                }
            }
            for (String sql : statements) {
                s.execute(sql);
            }
            if (db.isPostgresql()) {
                s.execute("ALTER TABLE " + table + " ENABLE TRIGGER USER");
            }
        }
    }
}
