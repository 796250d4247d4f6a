// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.CustosException;
import dev.custos.jpa.testing.DatabaseTest;
import dev.custos.jpa.testing.TestDatabase;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class CustosSchemaTest {

    static final List<String> TABLES = List.of("custos_subject_key", "custos_consent_event", "custos_consent_head",
            "custos_audit_record", "custos_audit_head", "custos_request", "custos_request_transition",
            "custos_legal_hold", "custos_erasure_log", "custos_sweep_lease", "custos_restriction",
            "custos_schema_history");

    @DatabaseTest
    void migratesAnEmptyDatabaseToTheLatestVersion(String database) throws Exception {
        try (TestDatabase db = TestDatabase.empty(database)) {
            assertThat(CustosSchema.currentVersion(db.dataSource())).isZero();
            assertThat(CustosSchema.appliedVersion(db.dataSource())).isZero();

            MigrationResult result = CustosSchema.migrate(db.dataSource());

            assertThat(result.versionBefore()).isZero();
            assertThat(result.versionAfter()).isEqualTo(CustosSchema.LATEST_VERSION);
            assertThat(result.migrationsExecuted()).isEqualTo(CustosSchema.LATEST_VERSION);
            assertThat(result.database()).isIn("Apache Derby", "PostgreSQL", "MariaDB");
            assertThat(CustosSchema.currentVersion(db.dataSource())).isEqualTo(CustosSchema.LATEST_VERSION);
            assertThat(CustosSchema.appliedVersion(db.dataSource())).isEqualTo(CustosSchema.LATEST_VERSION);
            try (Connection c = db.connect()) {
                assertThat(tables(c)).containsAll(TABLES);
                assertThat(tables(c)).allMatch(t -> t.startsWith("custos_"), "every table starts with custos_");
            }
        }
    }

    @DatabaseTest
    void migratingTwiceDoesNothingTheSecondTime(String database) throws Exception {
        try (TestDatabase db = TestDatabase.empty(database)) {
            CustosSchema.migrate(db.dataSource());

            MigrationResult again = CustosSchema.migrate(db.dataSource());

            assertThat(again.upToDate()).isTrue();
            assertThat(again.versionBefore()).isEqualTo(CustosSchema.LATEST_VERSION);
            assertThat(again.versionAfter()).isEqualTo(CustosSchema.LATEST_VERSION);
        }
    }

    @DatabaseTest
    void migratesStepByStep(String database) throws Exception {
        try (TestDatabase db = TestDatabase.empty(database)) {
            MigrationResult first = CustosSchema.migrateTo(db.dataSource(), 1);
            assertThat(first.versionAfter()).isEqualTo(1);
            assertThat(first.migrationsExecuted()).isEqualTo(1);
            assertThat(CustosSchema.currentVersion(db.dataSource())).isEqualTo(1);
            assertThat(CustosSchema.appliedVersion(db.dataSource())).isEqualTo(1);

            MigrationResult second = CustosSchema.migrate(db.dataSource());
            assertThat(second.versionBefore()).isEqualTo(1);
            assertThat(second.versionAfter()).isEqualTo(CustosSchema.LATEST_VERSION);
            assertThat(second.migrationsExecuted()).isEqualTo(CustosSchema.LATEST_VERSION - 1);
        }
    }

    @DatabaseTest
    void leavesOtherTablesAlone(String database) throws Exception {
        try (TestDatabase db = TestDatabase.empty(database)) {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE patient (id INTEGER PRIMARY KEY, name VARCHAR(50))");
                s.execute("INSERT INTO patient VALUES (1, 'Kari')");
            }

            CustosSchema.migrate(db.dataSource());

            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT name FROM patient WHERE id = 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("Kari");
            }
        }
    }

    @Test
    void refusesAnUnsupportedDatabaseWithANumberedMessage() {
        // MySQL is close to MariaDB but untested, so it is refused.
        DataSource mysql = fakeDataSource("MySQL", "8.4.2");

        assertThatThrownBy(() -> CustosSchema.migrate(mysql))
                .isInstanceOfSatisfying(CustosException.class, e -> assertThat(e.messageId()).isEqualTo("CUSTOS-04001"))
                .hasMessageContaining("MySQL 8.4.2")
                .hasMessageContaining("docs/sql/");
        assertThatThrownBy(() -> CustosSchema.currentVersion(mysql))
                .isInstanceOfSatisfying(CustosException.class, e -> assertThat(e.messageId()).isEqualTo("CUSTOS-04001"));
    }

    @Test
    void refusesAnUnknownTargetVersion() {
        assertThatThrownBy(() -> CustosSchema.migrateTo(fakeDataSource("PostgreSQL", "15"), CustosSchema.LATEST_VERSION + 1))
                .isInstanceOfSatisfying(CustosException.class, e -> assertThat(e.messageId()).isEqualTo("CUSTOS-04004"));
    }

    private static List<String> tables(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        DatabaseMetaData meta = c.getMetaData();
        // MariaDB calls its databases catalogs and has no schemas: the catalog keeps its system tables out.
        // PostgreSQL's audit trail is a partitioned table (schema version 13)
        String[] types = meta.getDatabaseProductName().equals("PostgreSQL")
                ? new String[] {"TABLE", "PARTITIONED TABLE"} : new String[] {"TABLE"};
        try (ResultSet rs = meta.getTables(c.getCatalog(), c.getSchema(), "%", types)) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    /** A data source whose connections only answer which database they are. */
    static DataSource fakeDataSource(String product, String version) {
        ClassLoader loader = CustosSchemaTest.class.getClassLoader();
        DatabaseMetaData meta = (DatabaseMetaData) Proxy.newProxyInstance(loader, new Class<?>[] {DatabaseMetaData.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getDatabaseProductName" -> product;
                    case "getDatabaseProductVersion" -> version;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        Connection connection = (Connection) Proxy.newProxyInstance(loader, new Class<?>[] {Connection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getMetaData" -> meta;
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (DataSource) Proxy.newProxyInstance(loader, new Class<?>[] {DataSource.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getConnection" -> connection;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
