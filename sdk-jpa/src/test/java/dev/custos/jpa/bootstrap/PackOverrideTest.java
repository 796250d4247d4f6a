// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.custos.core.CustosDefinitionException;
import dev.custos.core.Message;
import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.ProviderMatrix;
import dev.custos.jpa.testing.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.time.MonthDay;
import java.util.Map;

/** The unit's {@code custos.pack.override.*} properties set the pack values the pack lets a deployment choose. */
class PackOverrideTest {

    @ProviderMatrix
    void overridesWithinThePacksLimitsAreTheOnesTheUnitRunsUnder(JpaUnit unit) throws Exception {
        try (TestDatabase db = TestDatabase.empty(unit.database())) {
            EntityManagerFactory emf = unit.open(db, Map.of("custos.pack", "dk",
                    "custos.pack.override.fiscal-year-end", "06-30",
                    "custos.pack.override.job-applicant", "P3Y"));
            try {
                CustosRuntime custos = CustosJpa.setup(unit.unitName(), emf, db.dataSource())
                        .packOverrides(Map.of("job-applicant", "P1Y")).start();

                assertThat(custos.pack().fiscalYearEnd()).isEqualTo(MonthDay.of(6, 30));
                // the setup's value (MicroProfile Config under CDI) wins over the unit's property
                assertThat(custos.pack().rule("job-applicant").orElseThrow().retention().toString())
                        .isEqualTo("P1Y after recruitment-end");
            } finally {
                emf.close();
            }
        }
    }

    @ProviderMatrix
    void overridesThePackDoesNotAllowStopTheStart(JpaUnit unit) throws Exception {
        try (TestDatabase db = TestDatabase.empty(unit.database())) {
            EntityManagerFactory emf = unit.open(db, Map.of("custos.pack", "dk",
                    "custos.pack.override.job-applicant", "P5Y",
                    "custos.pack.override.fiscal-year", "06-30"));
            try {
                CustosDefinitionException e = catchThrowableOfType(CustosDefinitionException.class,
                        () -> CustosJpa.start(unit.unitName(), emf, db.dataSource()));

                assertThat(e.messageId()).isEqualTo("CUSTOS-04440");
                assertThat(e.problems()).extracting(Message::code).containsExactlyInAnyOrder("CUSTOS-01296",
                        "CUSTOS-01294");
            } finally {
                emf.close();
            }
        }
    }
}
