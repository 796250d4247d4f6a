// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.custos.core.request.DataSubjectRequest;
import dev.custos.core.request.RequestState;
import dev.custos.core.request.RequestType;
import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.access.ProcessingContext;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.ProviderMatrix;
import dev.custos.jpa.testing.PlantedValues;
import dev.custos.jpa.testing.TestDatabase;
import dev.custos.jpa.testmodel.spread.Postal;
import dev.custos.jpa.testmodel.spread.PremiumAccount;
import dev.custos.jpa.testmodel.spread.Ticket;
import dev.custos.jpa.retention.RetentionSweeper;
import dev.custos.jpa.retention.SweepReport;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * Erasure of an entity whose row spans several tables (joined inheritance, a secondary table, a collection
 * table) and has an embedded attribute: Custos writes each table over JDBC in the request's transaction, so a statement the database refuses
 * reaches no provider logger, and the failure names the constraint but no value of the row. An entity whose
 * erasure still needs the provider's statement is named once, at WARNING.
 */
class SpreadRowErasureTest {

    private static final String SUBJECT = "zq7731-spread";
    private static final String EMAIL = "ysolde.brackwater@leak.example";
    private static final String NICKNAME = "Ysolde Brackwater";
    private static final String STREET = "Quornwick Lane 88";
    private static final String TOWN = "Vellibridge";
    private static final PlantedValues PLANTED = new PlantedValues(List.of(SUBJECT, EMAIL, NICKNAME, STREET, TOWN));
    private static final Map<String, String> UNIT = Map.of("custos.pack", "dk", "eclipselink.logging.logger",
            "JavaLogger");

    @ProviderMatrix
    void anErasureRequestErasesTheRowInEachOfItsTables(JpaUnit unit) throws Exception {
        RequestFixture.MovableClock clock = new RequestFixture.MovableClock(RequestFixture.NOW);
        try (PlantedValues.LogCapture log = new PlantedValues.LogCapture();
             TestDatabase db = TestDatabase.empty(unit.database())) {
            EntityManagerFactory emf = unit.openVariant("spread", db, UNIT);
            try {
                RequestExecutor executor = new RequestExecutor(start(unit, emf, db, clock));
                persistAccount(emf);

                ErasureReport report = executor.erase(verified(executor, clock));

                assertThat(report.request().state()).isEqualTo(RequestState.COMPLETED);
                assertThat(text(db, "SELECT email FROM Account WHERE holderId = ?")).isNull();
                assertThat(text(db, "SELECT postal_town FROM Account WHERE holderId = ?")).isNull();
                assertThat(text(db, "SELECT postal_code FROM Account WHERE holderId = ?")).isNull();
                assertThat(text(db, "SELECT nickname FROM PremiumAccount WHERE holder_ref = ?")).isNull();
                assertThat(text(db, "SELECT street FROM PremiumAccount_address WHERE account_ref = ?")).isNull();
                assertThat(Long.parseLong(text(db, "SELECT version FROM Account WHERE holderId = ?"))).as("version moved on")
                        .isPositive();
                assertThat(text(db, "SELECT perk FROM PremiumAccount_perk WHERE account_ref = ?"))
                        .as("not personal data: kept").isEqualTo("lounge");
                assertThat(PLANTED.inLog(log.records())).isEmpty();
            } finally {
                emf.close();
            }
        }
    }

    @ProviderMatrix
    void aSecondaryTableRefusingTheErasureLeavesNoValueInAnyLogOrMessage(JpaUnit unit) throws Exception {
        refusedErasureLeavesNoValue(unit, "ALTER TABLE PremiumAccount_address ADD CONSTRAINT leak_street_ck"
                + " CHECK (street IS NOT NULL)", "PremiumAccount", "leak_street_ck");
    }

    @ProviderMatrix
    void anEmbeddedAddressRefusingTheErasureLeavesNoValueInAnyLogOrMessage(JpaUnit unit) throws Exception {
        refusedErasureLeavesNoValue(unit, "ALTER TABLE Account ADD CONSTRAINT leak_town_ck"
                + " CHECK (postal_town IS NOT NULL)", "Account", "leak_town_ck");
    }

    /** The request's erasure refused by {@code constraint}: CUSTOS-04560 for {@code entity} names it, nothing else. */
    private static void refusedErasureLeavesNoValue(JpaUnit unit, String constraint, String entity, String name)
            throws Exception {
        RequestFixture.MovableClock clock = new RequestFixture.MovableClock(RequestFixture.NOW);
        try (PlantedValues.LogCapture log = new PlantedValues.LogCapture();
             TestDatabase db = TestDatabase.empty(unit.database())) {
            EntityManagerFactory emf = unit.openVariant("spread", db, UNIT);
            try {
                RequestExecutor executor = new RequestExecutor(start(unit, emf, db, clock));
                persistAccount(emf);
                execute(db, constraint);

                Throwable failed = catchThrowable(() -> executor.erase(verified(executor, clock)));

                assertThat(failed).isNotNull();
                List<String> messages = PlantedValues.custosMessages(failed);
                assertThat(messages).anySatisfy(m -> assertThat(m).startsWith("CUSTOS-04560: Erasing 1 row(s) of "
                        + entity + " by ").containsIgnoringCase("constraint " + name));
                assertThat(PLANTED.inMessages(messages)).isEmpty();
                assertThat(PLANTED.inLog(log.records())).isEmpty();
                // rolled back in every table
                assertThat(text(db, "SELECT email FROM Account WHERE holderId = ?")).isEqualTo(EMAIL);
                assertThat(text(db, "SELECT nickname FROM PremiumAccount WHERE holder_ref = ?")).isEqualTo(NICKNAME);
                assertThat(text(db, "SELECT street FROM PremiumAccount_address WHERE account_ref = ?"))
                        .isEqualTo(STREET);
                assertThat(text(db, "SELECT postal_town FROM Account WHERE holderId = ?")).isEqualTo(TOWN);
            } finally {
                emf.close();
            }
        }
    }

    @ProviderMatrix
    void anEntityErasedThroughTheProviderIsNamedOnceAtWarning(JpaUnit unit) throws Exception {
        RequestFixture.MovableClock clock = new RequestFixture.MovableClock(Instant.parse("2026-06-01T10:00:00Z"));
        try (PlantedValues.LogCapture log = new PlantedValues.LogCapture();
             TestDatabase db = TestDatabase.empty(unit.database())) {
            EntityManagerFactory emf = unit.openVariant("spread", db, UNIT);
            try {
                CustosRuntime runtime = start(unit, emf, db, clock);
                try (ProcessingContext.Scope scope = ProcessingContext.open("inquiry", "reception")) {
                    JpaUnit.inTransaction(emf, em -> {
                        em.persist(new Ticket(1L, "p-1", LocalDateTime.of(2025, 1, 10, 9, 0), "old"));
                        em.persist(new Ticket(2L, "p-2", LocalDateTime.of(2025, 6, 10, 9, 0), "newer"));
                    });
                }

                SweepReport first = sweep(runtime);
                clock.moveTo(Instant.parse("2026-12-01T10:00:00Z"));
                SweepReport second = sweep(runtime);

                assertThat(first.erased() + second.erased()).isEqualTo(2);
                assertThat(count(db, "SELECT COUNT(*) FROM Ticket")).isZero();
                assertThat(log.records()).filteredOn(r -> String.valueOf(r.getMessage()).startsWith("CUSTOS-04580"))
                        .singleElement().satisfies(r -> {
                            assertThat(r.getLevel()).isEqualTo(java.util.logging.Level.WARNING);
                            assertThat(r.getMessage()).startsWith("CUSTOS-04580: Erasures of Ticket go through "
                                    + (unit.provider() == JpaUnit.Provider.HIBERNATE ? "Hibernate" : "EclipseLink"));
                        });
                assertThat(log.records()).noneMatch(r -> String.valueOf(r.getMessage()).contains("CUSTOS-04580")
                        && String.valueOf(r.getMessage()).contains("Account"));
            } finally {
                emf.close();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private static SweepReport sweep(CustosRuntime runtime) {
        try (ProcessingContext.Scope scope = ProcessingContext.open("retention", "custos-retention-sweep")) {
            return new RetentionSweeper(runtime).sweep();
        }
    }

    private static long count(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static CustosRuntime start(JpaUnit unit, EntityManagerFactory emf, TestDatabase db,
                                       RequestFixture.MovableClock clock) {
        return CustosJpa.setup(unit.unitName(), emf, db.dataSource()).clock(clock).start();
    }

    private static void persistAccount(EntityManagerFactory emf) {
        try (ProcessingContext.Scope scope = ProcessingContext.open("newsletter", "reception")) {
            JpaUnit.inTransaction(emf, em -> em.persist(new PremiumAccount(SUBJECT, EMAIL, new Postal(TOWN, "VB1 7QX"), NICKNAME, STREET,
                    LocalDate.of(2020, 5, 1), List.of("lounge"))));
        }
    }

    private static String verified(RequestExecutor executor, RequestFixture.MovableClock clock) {
        DataSubjectRequest received = executor.receive(RequestType.ERASURE, SUBJECT, clock.instant());
        return executor.verifyIdentity(received.id(), "front-desk").id();
    }

    private static void execute(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The one value {@code sql} selects for the subject. */
    private static String text(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); var statement = c.prepareStatement(sql)) {
            statement.setString(1, SUBJECT);
            try (ResultSet rs = statement.executeQuery()) {
                assertThat(rs.next()).as(sql).isTrue();
                return rs.getString(1);
            }
        }
    }
}
