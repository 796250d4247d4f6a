// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.access.AccessRefusedException;
import dev.custos.core.request.DataSubjectRequest;
import dev.custos.core.request.RequestType;
import dev.custos.jpa.access.ProcessingContext;
import dev.custos.jpa.request.ErasureReport;
import dev.custos.jpa.audit.AuditQueries;
import dev.custos.jpa.consent.ConsentRegistry;
import dev.custos.jpa.request.RequestExecutor;
import dev.custos.jpa.retention.RetentionSweeper;
import dev.custos.jpa.retention.SweepReport;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.TestDatabase;
import dev.custos.jpa.testmodel.Client;
import dev.custos.jpa.testmodel.JournalEntry;
import dev.custos.jpa.testmodel.Questionnaire;
import dev.custos.core.audit.AuditAction;
import dev.custos.core.audit.AuditRecord;
import dev.custos.core.audit.ChainVerification;
import dev.custos.jpa.access.Caller;
import java.util.List;
import java.util.Set;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The code of docs/jpa-guide.md, compiled and run; the docs module's SnippetsTest keeps the guide in step. */
class JpaGuideTest {

    @Test
    void theGuidesCodeWorks() throws Exception {
        assumeTrue(JpaUnit.providers().contains(JpaUnit.Provider.ECLIPSELINK), "EclipseLink is not tested in this run");
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
                try (ProcessingContext.Scope scope = ProcessingContext.open("research", "dr.berg")) {
                    JpaUnit.inTransaction(emf, em -> em.persist(new Questionnaire(1L, "c1", "sleeps badly")));
                }
                EntityManager em = emf.createEntityManager();
                // snippet:refused
                try (ProcessingContext.Scope scope = ProcessingContext.open("research", "dr.berg")) {
                    em.find(Questionnaire.class, 1L);                   // no consent yet
                } catch (AccessRefusedException refused) {
                    // refused.reasons(): "CUSTOS-02002: The subject has not consented to purpose "research" ..."
                }
                // end-snippet
                em.close();
                // snippet:consent
                ConsentRegistry consents = new ConsentRegistry(custos);
                consents.give("c1", "research", "notice-3", "portal");  // recorded and audited, committed
                // end-snippet
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
                List<AuditRecord> trail;
                Map<String, ChainVerification> chains;
                // snippet:audit
                AuditQueries audit = new AuditQueries(custos);
                Caller inspector = Caller.named("inspector", Set.of("custos-auditor"));
                try (ProcessingContext.Scope scope = ProcessingContext.open("audit", inspector)) {
                    trail = audit.forSubject("c1", Instant.EPOCH, Instant.now());
                    chains = audit.verify();                                  // writes, reads, ledger
                }
                // end-snippet
                assertThat(trail).extracting(r -> r.event().action()).containsExactlyInAnyOrder(AuditAction.CREATE,
                        AuditAction.READ_DENIED, AuditAction.CONSENT_GIVEN, AuditAction.READ);
                assertThat(chains).containsOnlyKeys("writes", "reads", "ledger");
                assertThat(chains.values()).allMatch(ChainVerification::intact);
            } finally {
                emf.close();
            }
        }
    }

    @Test
    void sweepsAndAnswersRequests() throws Exception {
        assumeTrue(JpaUnit.providers().contains(JpaUnit.Provider.HIBERNATE), "Hibernate is not tested in this run");
        try (TestDatabase db = TestDatabase.empty(TestDatabase.DERBY)) {
            Map<String, Object> properties = new HashMap<>();
            properties.put("jakarta.persistence.jdbc.url", db.url());
            properties.put("jakarta.persistence.schema-generation.database.action", "create");
            properties.put("custos.pack", "dk");
            properties.putAll(JpaUnit.hibernateOn(TestDatabase.DERBY));
            EntityManagerFactory emf = Persistence.createEntityManagerFactory("hibernate", properties);
            try {
                CustosRuntime custos = CustosJpa.start("hibernate", emf, db.dataSource());
                try (ProcessingContext.Scope scope = ProcessingContext.open("treatment", "reception")) {
                    JpaUnit.inTransaction(emf, em -> {
                        Client client = new Client("c1", "Ada Lund", "ada@example.org", LocalDate.now().minusYears(2));
                        em.persist(client);
                        em.persist(new JournalEntry(client, LocalDate.now().minusYears(1), "first session"));
                    });
                }
                // snippet:sweep
                RetentionSweeper sweeper = new RetentionSweeper(custos);
                SweepReport report = sweeper.sweep();          // on a schedule; a lease keeps it to one node
                // end-snippet
                assertThat(report.erased()).as("the client's name is due a year after the last session").isEqualTo(1);
                // snippet:erasure-request
                RequestExecutor requests = new RequestExecutor(custos);
                DataSubjectRequest request = requests.receive(RequestType.ERASURE, "c1", Instant.now());
                requests.verifyIdentity(request.id(), "reception");
                ErasureReport answer = requests.erase(request.id()); // field by field: erased, or kept and why
                // end-snippet
                assertThat(answer.lines(ErasureReport.Outcome.ERASED)).extracting(ErasureReport.Line::attribute)
                        .contains("email");
                assertThat(answer.lines(ErasureReport.Outcome.KEPT)).singleElement().satisfies(kept -> {
                    assertThat(kept.attribute()).isEqualTo("note");
                    assertThat(kept.exemption()).contains("GDPR Art. 17(3)(b)");
                });
            } finally {
                emf.close();
            }
        }
    }
}
