// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.CustosMetrics;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.access.AccessRefusedException;
import dev.custos.jpa.access.Caller;
import dev.custos.jpa.access.ProcessingContext;
import dev.custos.jpa.audit.AuditQueries;
import dev.custos.jpa.retention.RetentionSweeper;
import dev.custos.jpa.retention.SweepReport;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.ProviderMatrix;
import dev.custos.jpa.testing.TestDatabase;
import dev.custos.jpa.testmodel.Client;
import dev.custos.jpa.testmodel.Questionnaire;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The metrics hook installed with {@link CustosJpa.Setup#metrics} hears, for its unit, each checked load (and
 * whether it was refused), each append to the audit chains, each sweep's report and each verification of the
 * chains: where those happen, not where a caller asks for them.
 */
class CustosMetricsTest {

    @ProviderMatrix
    void theHookHearsChecksAppendsSweepsAndVerifications(JpaUnit unit) throws Exception {
        Recording heard = new Recording();
        try (TestDatabase db = TestDatabase.empty(unit.database())) {
            EntityManagerFactory emf = unit.open(db, Map.of("custos.pack", "dk"));
            try {
                CustosRuntime custos = CustosJpa.setup(unit.unitName(), emf, db.dataSource()).metrics(heard).start();
                assertThat(custos.metrics()).isSameAs(heard);
                try (ProcessingContext.Scope intake = ProcessingContext.open("treatment", "reception")) {
                    JpaUnit.inTransaction(emf, em -> {
                        em.persist(new Client("c1", "Ada Lund", "ada@example.org", LocalDate.of(2024, 5, 1)));
                        em.persist(new Questionnaire(1L, "c1", "sleeps badly"));
                    });
                }
                assertThat(heard.events).anyMatch(e -> e.startsWith("audit " + unit.unitName() + " writes "))
                        .noneMatch(e -> e.startsWith("read "));

                EntityManager em = emf.createEntityManager();
                try (ProcessingContext.Scope treatment = ProcessingContext.open("treatment", "clinician")) {
                    assertThat(em.find(Client.class, "c1")).isNotNull();
                    assertThat(catchThrowable(() -> em.find(Questionnaire.class, 1L)))
                            .isInstanceOf(AccessRefusedException.class);
                } finally {
                    em.close();
                }
                assertThat(heard.events).contains("read " + unit.unitName() + " Client checked",
                        "read " + unit.unitName() + " Questionnaire refused");
                // the refusal is audited on the read chain, in a transaction of its own
                assertThat(heard.events).anyMatch(e -> e.startsWith("audit " + unit.unitName() + " reads "));

                SweepReport report;
                try (ProcessingContext.Scope sweep = ProcessingContext.open("retention", Caller.system("sweeper"))) {
                    report = new RetentionSweeper(custos).sweep();
                }
                assertThat(heard.sweeps).containsExactly(report);

                try (ProcessingContext.Scope audit = ProcessingContext.open("audit",
                        Caller.named("inspector", Set.of("custos-auditor")))) {
                    new AuditQueries(custos).verify();
                }
                assertThat(heard.events).contains("verified " + unit.unitName() + " true");
            } finally {
                emf.close();
            }
        }
    }

    /** Writes down what it hears, as text, and the sweeps' reports. */
    private static final class Recording implements CustosMetrics {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<SweepReport> sweeps = new CopyOnWriteArrayList<>();

        @Override
        public void readChecked(String unit, String entity, boolean refused) {
            events.add("read " + unit + " " + entity + (refused ? " refused" : " checked"));
        }

        @Override
        public void auditAppended(String unit, String chain, int records) {
            events.add("audit " + unit + " " + chain + " " + records);
        }

        @Override
        public void swept(String unit, SweepReport report) {
            sweeps.add(report);
        }

        @Override
        public void chainsVerified(String unit, Instant at, boolean intact) {
            events.add("verified " + unit + " " + intact);
        }
    }
}
