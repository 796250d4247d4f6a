// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.LoggerCapture;
import dev.custos.jpa.testing.ProviderMatrix;
import dev.custos.jpa.testmodel.Client;
import java.time.LocalDate;
import java.util.List;
import java.util.logging.Level;

/** Every sweep, whether or not it found anything due, leaves one summary line for the operator. */
class SweepSummaryLogTest {

    private static final LocalDate OVER_A_YEAR_AGO = LocalDate.of(2024, 1, 10);

    @ProviderMatrix
    void aSweepThatFindsNothingDueStillSaysSoOnce(JpaUnit unit) throws Exception {
        try (SweepFixture f = new SweepFixture(unit);
             LoggerCapture log = new LoggerCapture(RetentionSweeper.class.getName())) {
            SweepReport report = new RetentionSweeper(f.runtime).sweep();

            assertThat(report.erased()).isZero();
            assertThat(log.records()).singleElement().satisfies(r -> {
                assertThat(r.getLevel()).isEqualTo(Level.INFO);
                assertThat(r.getMessage()).startsWith("CUSTOS-04605: Retention sweep " + report.runId())
                        .contains("0 record(s) erased").endsWith("[unit " + unit.unitName() + "]");
            });
        }
    }

    @ProviderMatrix
    void aDryRunAndASweepWithAFailedBatchAreSummarisedAtTheirLevel(JpaUnit unit) throws Exception {
        try (SweepFixture f = new SweepFixture(unit);
             LoggerCapture log = new LoggerCapture(RetentionSweeper.class.getName())) {
            f.persist(em -> em.persist(new Client("due1", "Name due1", null, OVER_A_YEAR_AGO)));

            new RetentionSweeper(f.runtime).sweep(SweepOptions.defaults().withDryRun(true));
            assertThat(log.records()).singleElement().satisfies(r -> {
                assertThat(r.getLevel()).isEqualTo(Level.INFO);
                assertThat(r.getMessage()).startsWith("CUSTOS-04608: Dry run").contains("1 record(s) would be erased");
            });

            log.clear();
            f.execute("ALTER TABLE Client ADD CONSTRAINT keep_name CHECK (name IS NOT NULL)");
            SweepReport failed = new RetentionSweeper(f.runtime).sweep();
            assertThat(failed.outcome()).isEqualTo(SweepReport.Outcome.COMPLETED_WITH_FAILURES);
            List<String> ids = log.records().stream().map(r -> r.getMessage().substring(0, 12)).toList();
            assertThat(ids).hasSize(1 + failed.failures().size()).first().isEqualTo("CUSTOS-04611");
            assertThat(ids.subList(1, ids.size())).isNotEmpty().containsOnly("CUSTOS-04607");
            assertThat(log.records()).allSatisfy(r -> assertThat(r.getLevel()).isEqualTo(Level.WARNING));
        }
    }
}
