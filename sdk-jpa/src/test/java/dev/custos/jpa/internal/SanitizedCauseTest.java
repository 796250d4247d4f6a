// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.custos.core.CustosException;
import dev.custos.core.Message;
import jakarta.persistence.PersistenceException;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** What is left of a failure for Custos' messages: classes, SQLState, vendor code, constraint; never a value. */
class SanitizedCauseTest {

    /** Shaped like PostgreSQL's PSQLException, whose server message names the constraint and column. */
    public static final class ServerError extends SQLException {
        private static final long serialVersionUID = 1L;

        public ServerError(String message, String state) {
            super(message, state, 0);
        }

        public Detail getServerErrorMessage() {
            return new Detail();
        }
    }

    /** Shaped like PostgreSQL's ServerErrorMessage. */
    public static final class Detail {
        public String getConstraint() {
            return "client_name_ck";
        }

        public String getColumn() {
            return null;
        }
    }

    @Test
    void aPostgresqlErrorKeepsItsSqlStateAndConstraintButNotTheFailingRow() {
        SQLException driver = new ServerError("ERROR: new row for relation \"client\" violates check constraint"
                + " \"client_name_ck\"\n  Detail: Failing row contains (c1, Ada Lund, ada@example.org).", "23514");
        String text = describe(new PersistenceException("wrapped: " + driver.getMessage(), driver));

        assertThat(text).isEqualTo("PersistenceException > ServerError (SQLState 23514, vendor code 0,"
                + " constraint client_name_ck)");
    }

    @Test
    void theStatementsErrorBehindABatchIsTheOneDescribed() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 insert ... ('Ada Lund') was aborted",
                "23514", 0, new int[0]);
        batch.setNextException(new ServerError("Failing row contains (Ada Lund)", "23514"));

        assertThat(describe(batch)).isEqualTo("BatchUpdateException (SQLState 23514, vendor code 0,"
                + " constraint client_name_ck)");
    }

    @Test
    void derbyNamesTheConstraintOrColumnAndNoKeyValue() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:derby:memory:sanitized;create=true");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE parent (id VARCHAR(40) PRIMARY KEY)");
            s.execute("CREATE TABLE child (id INT PRIMARY KEY, parent VARCHAR(40) CONSTRAINT child_parent_fk"
                    + " REFERENCES parent, name VARCHAR(40) NOT NULL CONSTRAINT child_name_ck CHECK (name <> 'x'))");
            SQLException foreignKey = catchThrowableOfType(() -> s.execute("INSERT INTO child VALUES"
                    + " (1, 'ada@example.org', 'Ada Lund')"), SQLException.class);
            SQLException check = catchThrowableOfType(() -> s.execute("INSERT INTO child VALUES (2, NULL, 'x')"),
                    SQLException.class);
            SQLException notNull = catchThrowableOfType(() -> s.execute("INSERT INTO child VALUES (3, NULL, NULL)"),
                    SQLException.class);
            SQLException duplicate = catchThrowableOfType(() -> s.execute("INSERT INTO parent VALUES ('ada')"
                    + ", ('ada')"), SQLException.class);

            assertThat(foreignKey.getMessage()).contains("ada@example.org");
            assertThat(describe(foreignKey)).containsPattern(
                    "\\(SQLState 23503, vendor code \\d+, constraint CHILD_PARENT_FK\\)$").doesNotContain("ada");
            assertThat(describe(check)).containsPattern(
                    "\\(SQLState 23513, vendor code \\d+, constraint CHILD_NAME_CK\\)$");
            assertThat(describe(notNull)).containsPattern(
                    "\\(SQLState 23502, vendor code \\d+, column NAME\\)$");
            assertThat(describe(duplicate)).contains("SQLState 23505").doesNotContain("ada");
        }
    }

    /** MariaDB Connector/J's messages, as the driver words them (error codes 4025, 1062, 1048). */
    @Test
    void mariadbNamesTheConstraintKeyOrColumnAndNoValue() {
        SQLException check = new java.sql.SQLIntegrityConstraintViolationException(
                "(conn=42) CONSTRAINT `leak_name_ck` failed for `custos_1`.`Client`", "23000", 4025);
        SQLException duplicate = new java.sql.SQLIntegrityConstraintViolationException(
                "(conn=42) Duplicate entry 'ada@example.org' for key 'client_email_uk'", "23000", 1062);
        SQLException notNull = new java.sql.SQLIntegrityConstraintViolationException(
                "(conn=42) Column 'name' cannot be null", "23000", 1048);

        assertThat(describe(check)).endsWith("(SQLState 23000, vendor code 4025, constraint"
                + " leak_name_ck)");
        assertThat(describe(duplicate)).endsWith("(SQLState 23000, vendor code 1062, constraint"
                + " client_email_uk)").doesNotContain("ada");
        assertThat(describe(notNull)).endsWith("(SQLState 23000, vendor code 1048, column name)");
    }

    @Test
    void applicationCodeIsNamedByClassAndCustosByMessageId() {
        RuntimeException policy = new IllegalStateException("no access for Ada Lund <ada@example.org>");
        CustosException custos = new CustosException(new Message(4201, "Appending failed"), policy);

        assertThat(describe(policy)).isEqualTo("IllegalStateException");
        assertThat(describe(custos)).isEqualTo("CustosException CUSTOS-04201 > IllegalStateException");
        assertThat(describe(null)).isEqualTo("unknown");
    }


    @Test
    void aParseErrorKeepsWhereInTheFileButNotItsText() {
        org.xml.sax.SAXParseException parse = new org.xml.sax.SAXParseException(
                "Element type \"property\" must be followed by ... value=\"Ada Lund\"", null, null, 12, 34);

        assertThat(describe(new IllegalStateException("unreadable", parse)))
                .isEqualTo("IllegalStateException > SAXParseException at line 12, column 34");
    }


    @Test
    void aLinkageErrorKeepsTheMemberTheJvmNamesButNotAnotherErrorsText() {
        assertThat(describe(new NoSuchMethodError("'java.util.Map org.hibernate.engine.spi.PersistenceContext"
                + ".getEntityHoldersByKey()'"))).isEqualTo("NoSuchMethodError ('java.util.Map"
                + " org.hibernate.engine.spi.PersistenceContext.getEntityHoldersByKey()')");
        assertThat(describe(new NoSuchMethodError("Failing row contains (Ada Lund, ada@example.org)")))
                .isEqualTo("NoSuchMethodError");
        assertThat(describe(new NoClassDefFoundError("Failing row contains (Ada Lund)"))).isEqualTo("NoClassDefFoundError");
        assertThat(describe(new IllegalStateException("Ada Lund"))).isEqualTo("IllegalStateException");
    }

    private static String describe(Throwable failure) {
        return SanitizedCause.describe(failure).toString();
    }
}
