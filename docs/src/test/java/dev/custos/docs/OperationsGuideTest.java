// SPDX-License-Identifier: Apache-2.0
package dev.custos.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.jpa.CustosSetting;
import dev.custos.jpa.retention.SweepOptions;
import dev.custos.jpa.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * docs/operations.md names exactly the settings the code reads, with the defaults the code has, and its
 * PostgreSQL grants let the SDK do its work while the database refuses changes to the evidence.
 */
class OperationsGuideTest {

    private static final Pattern SETTING = Pattern.compile("`(custos\\.[a-z0-9.-]*[a-z0-9])`");
    private static final Pattern GRANTS = Pattern.compile(
            "<!-- sql: postgresql-grants -->\\n```sql\\n(.*?)\\n```", Pattern.DOTALL);

    private static String document() throws Exception {
        return Files.readString(DocFiles.projectRoot().resolve("docs/operations.md"), StandardCharsets.UTF_8);
    }

    /** Every key of the one registry, sdk-jpa's {@link CustosSetting}, which the CDI layer reads through. */
    static Set<String> settingsInCode() {
        Set<String> keys = new TreeSet<>();
        for (CustosSetting setting : CustosSetting.values()) {
            keys.add(setting.key());
        }
        return keys;
    }

    @Test
    void listsEverySettingOfTheRegistryInTheGeneratedTable() throws Exception {
        DocFiles.assertRegionFresh(DocFiles.projectRoot().resolve("docs/operations.md"), SettingsReference.table());
    }

    @Test
    void namesEverySettingOfTheCodeAndNoOther() throws Exception {
        Set<String> named = new TreeSet<>();
        // metric and attribute names (custos.read.checked, custos.unit, ...) are not settings
        Matcher m = SETTING.matcher(document().replaceAll("(?s)<!-- metrics -->.*?<!-- metrics: end -->", ""));
        while (m.find()) {
            named.add(m.group(1));
        }
        assertThat(settingsInCode()).hasSizeGreaterThanOrEqualTo(15);
        assertThat(named).as("settings named in docs/operations.md").isEqualTo(settingsInCode());
    }

    @Test
    void givesTheCodesDefaults() throws Exception {
        String document = document();
        for (CustosSetting setting : CustosSetting.values()) {
            String expected = setting.defaultValue().map(v -> "`" + v + "`").orElse("(required)");
            assertThat(document).as("default of %s", setting.key()).containsPattern(
                    Pattern.quote("| `" + setting.key() + "` | ") + "[^|]+" + Pattern.quote(" | " + expected + " |"));
        }
        assertThat(document).contains("| `" + CustosSetting.SWEEP_BATCH_SIZE.key() + "` | server | `"
                + SweepOptions.DEFAULT_BATCH_SIZE + "` |");
    }

    /**
     * The clinic history of the auditor guide runs as a role holding only the documented grants, with migration
     * off; the same role cannot change the evidence or remove its protection.
     */
    @Test
    void postgresqlGrantsLetTheSdkWorkAndKeepTheEvidenceAppendOnly() throws Exception {
        Assumptions.assumeTrue(TestDatabase.configured().anyMatch(TestDatabase.POSTGRESQL::equals),
                "PostgreSQL is not among -Dcustos.test.databases");
        Matcher grants = GRANTS.matcher(document());
        assertThat(grants.find()).as("docs/operations.md has the postgresql-grants block").isTrue();
        String role = "custos_app_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        TestDatabase db = TestDatabase.migrated(TestDatabase.POSTGRESQL);
        AuditScenario clinic = null;
        try {
            try (Connection owner = db.connect(); Statement s = owner.createStatement()) {
                s.execute("CREATE ROLE " + role + " LOGIN");
                // USAGE as the guide says; CREATE only for the test model's own tables, which the unit creates
                s.execute("GRANT USAGE, CREATE ON SCHEMA " + owner.getSchema() + " TO " + role);
                for (String statement : grants.group(1).replace("custos_app", role).split(";")) {
                    if (!statement.isBlank()) {
                        s.execute(statement);
                    }
                }
            }
            clinic = new AuditScenario(db, role);
            assertThat(clinic.sweep.erased()).isEqualTo(1);
            try (Connection app = DriverManager.getConnection(db.url(), role, "");
                 Statement s = app.createStatement()) {
                // the request's two erasures and the sweep's, written by the role
                try (ResultSet erased = s.executeQuery("SELECT COUNT(*) FROM custos_erasure_log")) {
                    assertThat(erased.next()).isTrue();
                    assertThat(erased.getLong(1)).isEqualTo(3);
                }
                for (String refused : new String[] {
                        "UPDATE custos_audit_record SET actor = 'someone else'",
                        "DELETE FROM custos_erasure_log",
                        "TRUNCATE custos_consent_event",
                        "UPDATE custos_request_transition SET actor = 'someone else'",
                        "DROP TRIGGER custos_audit_record_append_only ON custos_audit_record"}) {
                    assertThatThrownBy(() -> s.execute(refused)).as(refused)
                            .isInstanceOfSatisfying(SQLException.class,
                                    e -> assertThat(e.getSQLState()).as(refused).isEqualTo("42501"));
                }
            }
        } finally {
            if (clinic != null) {
                clinic.close(); // and the database
            } else {
                db.close();
            }
            try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres",
                    ""); Statement s = admin.createStatement()) {
                s.execute("DROP ROLE IF EXISTS " + role);
            }
        }
    }
}
