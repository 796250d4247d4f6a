// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.consent.ConsentEvent;
import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.access.AccessRefusedException;
import dev.custos.jpa.access.ProcessingContext;
import dev.custos.jpa.store.ConsentLedger;
import dev.custos.jpa.store.SubjectKeys;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.TestDatabase;
import dev.custos.jpa.testmodel.Questionnaire;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The code of docs/jpa-guide.md, compiled and run; each snippet must appear in the guide word for word. */
class JpaGuideTest {

    @Test
    void theGuidesCodeWorks() throws Exception {
        try (TestDatabase db = TestDatabase.empty(TestDatabase.DERBY)) {
            Map<String, Object> properties = new HashMap<>();
            properties.put("jakarta.persistence.jdbc.url", db.url());
            properties.put("jakarta.persistence.schema-generation.database.action", "create");
            DataSource dataSource = db.dataSource();
            // snippet:start
            properties.put("custos.pack", "dk");                   // or in persistence.xml
            EntityManagerFactory emf = Persistence.createEntityManagerFactory("eclipselink", properties);
            CustosRuntime custos = CustosJpa.start("eclipselink", emf, dataSource);
            // end-snippet
            try {
                assertThat(custos.mappings()).isNotEmpty();
                JpaUnit.inTransaction(emf, em -> em.persist(new Questionnaire(1L, "c1", "sleeps badly")));
                EntityManager em = emf.createEntityManager();
                // snippet:refused
                try (ProcessingContext.Scope scope = ProcessingContext.open("research", "dr.berg")) {
                    em.find(Questionnaire.class, 1L);                   // no consent yet
                } catch (AccessRefusedException refused) {
                    // refused.reasons(): "CUSTOS-02002: The subject has not consented to purpose "research" ..."
                }
                // end-snippet
                em.close();
                SubjectKeys keys = new SubjectKeys();
                try (Connection connection = db.transaction()) {
                    // snippet:consent
                    ConsentLedger ledger = new ConsentLedger(keys);
                    ledger.record(connection, ConsentEvent.given("c1", "research", Instant.now(), "notice-3"), "portal");
                    connection.commit();                                // the caller's transaction
                    // end-snippet
                }
                try (ProcessingContext.Scope scope = ProcessingContext.open("research", "dr.berg")) {
                    EntityManager again = emf.createEntityManager();
                    assertThat(again.find(Questionnaire.class, 1L).answers).isEqualTo("sleeps badly");
                    again.close();
                }
                try (Connection c = db.connect(); java.sql.Statement s = c.createStatement();
                     java.sql.ResultSet rs = s.executeQuery("SELECT action FROM custos_audit_record"
                             + " WHERE chain_id = 2 ORDER BY record_seq")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).as("the refused read").isEqualTo("READ_DENIED");
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).as("the permitted read").isEqualTo("READ");
                }
            } finally {
                emf.close();
            }
        }
    }

    @Test
    void theGuideShowsEverySnippetWordForWord() throws Exception {
        Path root = Path.of(System.getProperty("custos.project.root", "..")).toAbsolutePath().normalize();
        String source = Files.readString(root.resolve(
                "sdk-jpa/src/test/java/dev/custos/jpa/guide/JpaGuideTest.java"), StandardCharsets.UTF_8);
        String guide = Files.readString(root.resolve("docs/jpa-guide.md"), StandardCharsets.UTF_8);
        Matcher snippets = Pattern.compile("// snippet:(\\S+)\\n(.*?)\\n\\s*// end-snippet", Pattern.DOTALL)
                .matcher(source);
        int count = 0;
        while (snippets.find()) {
            String first = snippets.group(2).lines().findFirst().orElseThrow();
            int indent = first.length() - first.stripLeading().length();
            String code = snippets.group(2).lines().map(l -> l.length() >= indent ? l.substring(indent) : l.strip())
                    .reduce((a, b) -> a + "\n" + b).orElseThrow();
            assertThat(guide).as("docs/jpa-guide.md shows snippet %s", snippets.group(1)).contains(code);
            count++;
        }
        assertThat(count).isEqualTo(3);
    }
}
