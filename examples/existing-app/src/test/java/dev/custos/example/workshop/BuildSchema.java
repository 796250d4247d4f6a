// SPDX-License-Identifier: Apache-2.0
package dev.custos.example.workshop;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * On PostgreSQL each build runs in a schema of its own ({@code workshop.pg.schema}): dropped when the test JVM
 * ends, after every test class, so that builds leave nothing behind.
 */
final class BuildSchema {

    private static final AtomicBoolean REGISTERED = new AtomicBoolean();

    private BuildSchema() {
    }

    static void dropWhenTestsEnd() {
        if (!"postgresql".equals(System.getProperty("workshop.db")) || !REGISTERED.compareAndSet(false, true)) {
            return;
        }
        String schema = System.getProperty("workshop.pg.schema");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test",
                    "postgres", ""); Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            } catch (SQLException e) {
                System.err.println("Could not drop schema " + schema + ": " + e.getSQLState());
            }
        }));
    }
}
