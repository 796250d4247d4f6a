// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.jpa.testing.DatabaseTest;
import dev.custos.jpa.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The plain DDL in {@code docs/sql/} for DBAs who apply schema by hand applies to an empty database. The docs
 * module's GeneratedDocumentsTest keeps it equal to the migrations.
 */
class PlainDdlTest {

    static Path projectRoot() {
        return Path.of(System.getProperty("custos.project.root", "..")).toAbsolutePath().normalize();
    }

    /** The DDL file itself runs, statement by statement, and creates every table. */
    @DatabaseTest
    void theDdlAppliesToAnEmptyDatabase(String database) throws Exception {
        String file = database + "-schema.sql";
        String sql = Files.readString(projectRoot().resolve("docs/sql").resolve(file), StandardCharsets.UTF_8);
        try (TestDatabase db = TestDatabase.empty(database); Connection c = db.connect();
             Statement s = c.createStatement()) {
            for (String statement : statements(sql)) {
                s.execute(statement);
            }
            for (String table : CustosSchemaTest.TABLES) {
                if (table.equals("custos_schema_history")) {
                    continue;
                }
                try (ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    assertThat(rows.next()).as(table).isTrue();
                }
            }
        }
    }

    /** Splits on semicolons at line ends, keeping PostgreSQL's dollar-quoted function body in one piece. */
    /**
     * The statements of a script, split as the databases' own clients do: at a {@code ;} that ends a line outside a
     * PostgreSQL {@code $$} body, or, after a MariaDB {@code DELIMITER x} line, at {@code x}.
     */
    private static List<String> statements(String sql) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean dollar = false;
        String delimiter = ";";
        for (String line : sql.split("\n")) {
            boolean comment = line.strip().startsWith("--");
            if (comment && current.length() == 0) {
                continue;
            }
            if (current.length() == 0 && line.strip().toUpperCase(Locale.ROOT).startsWith("DELIMITER ")) {
                delimiter = line.strip().substring("DELIMITER ".length()).strip();
                continue;
            }
            dollar ^= count(line) % 2 == 1;
            current.append(line).append('\n');
            if (!dollar && !comment && line.stripTrailing().endsWith(delimiter)) {
                String statement = current.toString().strip();
                statements.add(statement.substring(0, statement.length() - delimiter.length()));
                current.setLength(0);
            }
        }
        assertThat(current.toString().strip()).as("text after the last statement").isEmpty();
        return statements;
    }

    private static int count(String line) {
        return (line.length() - line.replace("$$", "").length()) / 2;
    }

    @Test
    void theDdlNamesOnlyCustosTables() throws IOException {
        Pattern created = Pattern.compile("CREATE (?:TABLE|INDEX|TRIGGER|FUNCTION) (\\w+)");
        for (String file : List.of("derby-schema.sql", "postgresql-schema.sql")) {
            Matcher m = created.matcher(Files.readString(projectRoot().resolve("docs/sql").resolve(file),
                    StandardCharsets.UTF_8));
            int found = 0;
            while (m.find()) {
                found++;
                assertThat(m.group(1).toLowerCase(Locale.ROOT)).startsWith("custos_");
            }
            assertThat(found).isGreaterThan(10);
        }
    }
}
