// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.custos.core.CustosException;
import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.access.ProcessingContext;
import dev.custos.jpa.consent.ConsentRegistry;
import dev.custos.jpa.retention.RetentionSweeper;
import dev.custos.jpa.consent.ImportedConsent;
import dev.custos.jpa.testing.Decider;
import dev.custos.jpa.testing.FailingTransactions;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.ProviderMatrix;
import dev.custos.jpa.testing.PlantedValues;
import dev.custos.jpa.testing.TestDatabase;
import dev.custos.jpa.testmodel.Inquiry;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A transaction of a decision's read, of a sweep line's decided erasure and of a consent import that the
 * database refuses with an error carrying a row's values (as PostgreSQL's "Failing row contains (...)" does):
 * the message names the SQLState and no value, and no log record holds one.
 */
class SanitizedFailureMessagesTest {

    private static final String NAME = "Ottoline Wrenfield";
    private static final String EMAIL = "ottoline.wrenfield@leak.example";
    private static final PlantedValues PLANTED = new PlantedValues(List.of(NAME, EMAIL));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-16T12:00:00Z"), ZoneOffset.UTC);

    /** A driver's error as PostgreSQL words a CHECK violation, with the failing row's values. */
    private static SQLException valueCarrying() {
        return new SQLException("ERROR: new row for relation \"custos_decision\" violates check constraint"
                + " \"leak_ck\"\n  Detail: Failing row contains (" + NAME + ", " + EMAIL + ").", "23514");
    }

    @ProviderMatrix
    void aDecisionsReadFailingInTheDatabaseNamesTheSqlStateButNoValue(JpaUnit unit) throws Exception {
        assertSanitized(unit, (runtime, transactions) -> {
            transactions.failNextOwn(valueCarrying());
            try (ProcessingContext.Scope dpo = Decider.scope()) {
                return catchThrowable(() -> new Decisions(runtime).decide("dec-1", Decision.Outcome.KEEP,
                        "open complaint", "dpo"));
            }
        }, "CUSTOS-04714: ");
    }

    @ProviderMatrix
    void aSweepLinesDecidedErasureFailingInTheDatabaseNamesTheSqlStateButNoValue(JpaUnit unit) throws Exception {
        assertSanitized(unit, (runtime, transactions) -> {
            try (ProcessingContext.Scope scope = ProcessingContext.open("inquiry", "reception")) {
                JpaUnit.inTransaction(runtime.entityManagerFactory(), em -> em.persist(new Inquiry(1L, "p1",
                        LocalDateTime.of(2023, 1, 1, 10, 0), "message")));
            }
            try (ProcessingContext.Scope scope = ProcessingContext.open("retention", "custos-retention-sweep")) {
                new RetentionSweeper(runtime).sweep();
            }
            try (ProcessingContext.Scope dpo = Decider.scope()) {
                Decisions decisions = new Decisions(runtime);
                Decision line = decisions.undecided().get(0);
                transactions.failNextUnit(new PersistenceException("could not execute statement ["
                        + valueCarrying().getMessage() + "]", valueCarrying()));
                return catchThrowable(() -> decisions.decide(line.id(), Decision.Outcome.ERASE, "", "dpo"));
            }
        }, "CUSTOS-04632: ");
    }

    @ProviderMatrix
    void aConsentImportFailingInTheDatabaseNamesTheSqlStateButNoValue(JpaUnit unit) throws Exception {
        assertSanitized(unit, (runtime, transactions) -> {
            transactions.failNextOwn(valueCarrying());
            return catchThrowable(() -> new ConsentRegistry(runtime).importConsents(List.of(new ImportedConsent(
                    "zq-import-1", "newsletter", CLOCK.instant().minusSeconds(86_400), "notice-1", "crm",
                    Optional.empty())), "migration"));
        }, "CUSTOS-04425: ");
    }

    // ---------------------------------------------------------------------------------------------------------

    private interface Scenario {
        Throwable run(CustosRuntime runtime, FailingTransactions transactions) throws Exception;
    }

    private static void assertSanitized(JpaUnit unit, Scenario scenario, String messageStart) throws Exception {
        try (PlantedValues.LogCapture log = new PlantedValues.LogCapture();
             TestDatabase db = TestDatabase.empty(unit.database())) {
            EntityManagerFactory emf = unit.open(db, Map.of("custos.pack", "review-due",
                    "eclipselink.logging.logger", "JavaLogger"));
            try {
                FailingTransactions transactions = new FailingTransactions();
                CustosRuntime runtime = CustosJpa.setup(unit.unitName(), emf, db.dataSource()).clock(CLOCK)
                        .transactions(transactions).start();

                Throwable failed = scenario.run(runtime, transactions);

                assertThat(failed).isInstanceOf(CustosException.class);
                assertThat(failed.getMessage()).startsWith(messageStart).contains("SQLState 23514")
                        .doesNotContain("Failing row");
                assertThat(PLANTED.inMessages(PlantedValues.custosMessages(failed))).isEmpty();
                assertThat(PLANTED.inLog(log.records())).isEmpty();
            } finally {
                emf.close();
            }
        }
    }
}
