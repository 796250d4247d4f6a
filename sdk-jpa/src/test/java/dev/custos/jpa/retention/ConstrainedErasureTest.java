// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.custos.core.CustosDefinitionException;
import dev.custos.core.CustosException;
import dev.custos.core.request.DataSubjectRequest;
import dev.custos.core.request.RequestType;
import dev.custos.core.Message;
import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.request.RequestExecutor;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.ProviderMatrix;
import dev.custos.jpa.testing.TestDatabase;
import dev.custos.jpa.testmodel.constrained.Customer;
import jakarta.persistence.EntityManagerFactory;
import java.time.LocalDate;
import java.util.Map;

/**
 * Erasure on columns with constraints, as an application written without Custos has them: strategies that
 * would break a constraint are refused at start, the values written in place of the data satisfy the
 * constraints, and a row is erased whole or not at all.
 */
class ConstrainedErasureTest {

    private static final LocalDate OVER_A_YEAR_AGO = LocalDate.of(2024, 1, 10);

    @ProviderMatrix
    void strategiesThatBreakAConstraintAreRefusedAtStartNamingTheFix(JpaUnit unit) throws Exception {
        try (TestDatabase db = TestDatabase.empty(unit.database())) {
            EntityManagerFactory emf = unit.openVariant("constrained-broken", db, Map.of("custos.pack", "dk"));
            try {
                CustosDefinitionException e = catchThrowableOfType(CustosDefinitionException.class,
                        () -> CustosJpa.start(unit.unitName(), emf, db.dataSource()));
                assertThat(e.problems()).extracting(Message::code).containsExactlyInAnyOrder(
                        "CUSTOS-04430",  // name: NULLIFY, @Column(nullable = false)
                        "CUSTOS-04430",  // email: NULLIFY, @NotEmpty
                        "CUSTOS-04430",  // street: NULLIFY, NOT NULL in the database only
                        "CUSTOS-04430",  // city: NULLIFY, @Basic(optional = false)
                        "CUSTOS-04430",  // nickname: NULLIFY nulls its NOT NULL copy
                        "CUSTOS-04431",  // badge: ANONYMIZE, one number for a unique column
                        "CUSTOS-04432",  // pin: no four-digit text is distinct enough
                        "CUSTOS-04434",  // note: replacement on NULLIFY
                        "CUSTOS-04433",  // code: replacement breaks @Pattern
                        "CUSTOS-04435",  // handle: unique in the database only
                        "CUSTOS-04436"); // handle: shorter in the database
                assertThat(e.getMessage()).contains(
                        "Signup.name is erased by NULLIFY, which sets name to null, but @Column(nullable = false)"
                                + " forbids null", "use ANONYMIZE or DELETE_ROW, or make the column nullable",
                        "Signup.email is erased by NULLIFY, which sets email to null, but @NotEmpty forbids null",
                        "Signup.street", "NOT NULL of the database's column",
                        "Signup.city is erased by NULLIFY, which sets city to null, but @Basic(optional = false)",
                        "Signup.nickname is erased by NULLIFY, which sets its derived copy nicknameSearch to null",
                        "Signup.pin", "@PersonalData(replacement",
                        "declare @Column(unique = true)", "declare @Column(length = 12)");
            } finally {
                emf.close();
            }
        }
    }

    @ProviderMatrix
    void erasedValuesSatisfyUniqueEmailPatternAndLength(JpaUnit unit) throws Exception {
        try (SweepFixture f = SweepFixture.onVariant(unit, "constrained")) {
            f.persist(em -> {
                em.persist(new Customer(1L, "c1", OVER_A_YEAR_AGO, "ann@example.com", "Hansen", "+4512345678",
                        "2100", "Oslo"));
                em.persist(new Customer(2L, "c2", OVER_A_YEAR_AGO, "bo@example.com", "Hansen", "+4587654321",
                        "2100", "Oslo"));
            });

            SweepReport report = new RetentionSweeper(f.runtime).sweep();

            assertThat(report.failures()).isEmpty();
            assertThat(report.erased()).isEqualTo(2);
            for (long id : new long[] {1, 2}) {
                assertThat(f.text("SELECT email FROM Customer WHERE id = " + id))
                        .matches("anon-[0-9a-f]{16}@erased\\.invalid");
                assertThat(f.text("SELECT lastName FROM Customer WHERE id = " + id))
                        .matches("[A-Z][a-z]+").hasSizeLessThanOrEqualTo(20).isNotEqualTo("Hansen");
                assertThat(f.text("SELECT phone FROM Customer WHERE id = " + id)).matches("\\+?[0-9]{8,20}");
                assertThat(f.text("SELECT postcode FROM Customer WHERE id = " + id)).matches("ZZ-[0-9a-f]{6,}");
                assertThat(f.text("SELECT city FROM Customer WHERE id = " + id)).isNull();
            }
            // unique columns get a value per row, derived from the row, not from the subject or the value
            assertThat(f.count("SELECT COUNT(DISTINCT email) FROM Customer")).isEqualTo(2);
            assertThat(f.count("SELECT COUNT(DISTINCT phone) FROM Customer")).isEqualTo(2);
        }
    }

    @ProviderMatrix
    void theAdoptionReportCountsARowOnceWhateverItsStrategies(JpaUnit unit) throws Exception {
        try (SweepFixture f = SweepFixture.onVariant(unit, "constrained")) {
            f.persist(em -> {
                em.persist(new Customer(1L, "c1", OVER_A_YEAR_AGO, "ann@example.com", "Hansen", "+4512345678",
                        "2100", "Oslo"));
                em.persist(new Customer(2L, "c2", LocalDate.of(2025, 3, 1), "bo@example.com", "Berg", "+4587654321",
                        "2200", "Oslo"));
                em.persist(new Customer(3L, "c3", null, "cy@example.com", "Dahl", "+4511112222", "2300", "Oslo"));
            });

            AdoptionReport report = new RetentionSweeper(f.runtime).adoptionReport();

            // one line for the rule, whose row is erased by three strategies in one transaction: each row counts once
            assertThat(report.lines()).singleElement().satisfies(line -> {
                assertThat(line.strategies()).hasSize(3);
                assertThat(line.due()).isEqualTo(1);
                assertThat(line.kept()).isEqualTo(1);
                assertThat(line.noClock()).isEqualTo(1);
                assertThat(line.total()).isEqualTo(3);
            });
            assertThat(new RetentionSweeper(f.runtime).sweep().erased()).isEqualTo(report.due());
        }
    }

    @ProviderMatrix
    void aRowIsErasedWholeOrNotAtAllWhenAStatementFails(JpaUnit unit) throws Exception {
        try (SweepFixture f = SweepFixture.onVariant(unit, "constrained")) {
            f.persist(em -> em.persist(new Customer(1L, "c1", OVER_A_YEAR_AGO, "ann@example.com", "Hansen",
                    "+4512345678", "2100", "Oslo")));
            // a constraint the mapping does not declare: NULLIFY of the city fails after ANONYMIZE and PSEUDONYMIZE ran
            f.execute("ALTER TABLE Customer ADD CONSTRAINT customer_city_kept CHECK (city IS NOT NULL)");

            SweepReport report = new RetentionSweeper(f.runtime).sweep();

            assertThat(report.outcome()).isEqualTo(SweepReport.Outcome.COMPLETED_WITH_FAILURES);
            assertThat(report.failures()).extracting(Message::code).containsExactly("CUSTOS-04607");
            assertThat(report.erased()).isZero();
            assertThat(f.text("SELECT email FROM Customer WHERE id = 1")).isEqualTo("ann@example.com");
            assertThat(f.text("SELECT lastName FROM Customer WHERE id = 1")).isEqualTo("Hansen");
            assertThat(f.text("SELECT phone FROM Customer WHERE id = 1")).isEqualTo("+4512345678");
            assertThat(f.text("SELECT postcode FROM Customer WHERE id = 1")).isEqualTo("2100");
            assertThat(f.text("SELECT city FROM Customer WHERE id = 1")).isEqualTo("Oslo");
            assertThat(f.erasureLog()).isZero();
            assertThat(f.erasedRowsAudited()).isZero();
        }
    }

    @ProviderMatrix
    void anErasureRequestThatFailsOnAConstraintLeavesTheRowWhole(JpaUnit unit) throws Exception {
        try (SweepFixture f = SweepFixture.onVariant(unit, "constrained")) {
            f.persist(em -> em.persist(new Customer(1L, "c1", OVER_A_YEAR_AGO, "ann@example.com", "Hansen",
                    "+4512345678", "2100", "Oslo")));
            f.execute("ALTER TABLE Customer ADD CONSTRAINT customer_city_kept CHECK (city IS NOT NULL)");
            RequestExecutor requests = new RequestExecutor(f.runtime);
            DataSubjectRequest request = requests.verifyIdentity(
                    requests.receive(RequestType.ERASURE, "c1", f.clock.instant()).id(), "front-desk");

            CustosException e = catchThrowableOfType(CustosException.class, () -> requests.erase(request.id()));

            assertThat(e).isNotNull();
            assertThat(f.text("SELECT email FROM Customer WHERE id = 1")).isEqualTo("ann@example.com");
            assertThat(f.text("SELECT lastName FROM Customer WHERE id = 1")).isEqualTo("Hansen");
            assertThat(f.text("SELECT city FROM Customer WHERE id = 1")).isEqualTo("Oslo");
            assertThat(f.erasureLog()).isZero();
            assertThat(f.erasedRowsAudited()).isZero();
        }
    }
}
