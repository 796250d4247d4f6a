// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.access.ProcessingContext;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.ProviderMatrix;
import dev.custos.jpa.testing.TestDatabase;
import dev.custos.jpa.testmodel.Mailing;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * A DELETE_ROW sweep of an entity whose rows own a collection table: Custos deletes the rows' collection rows
 * first and then the rows, over JDBC as every erasure, logs each row once and leaves rows that are not due.
 */
class CollectionRowsErasureTest {

    @ProviderMatrix
    void deletingRowsWithACollectionTableDeletesTheirCollectionRowsToo(JpaUnit unit) throws Exception {
        try (TestDatabase db = TestDatabase.empty(unit.database())) {
            EntityManagerFactory emf = unit.openVariant("collections", db, Map.of("custos.pack", "dk"));
            try {
                CustosRuntime runtime = CustosJpa.start(unit.unitName(), emf, db.dataSource(),
                        Clock.fixed(Instant.parse("2026-06-01T10:00:00Z"), ZoneOffset.UTC));
                try (ProcessingContext.Scope scope = ProcessingContext.open("inquiry", "reception")) {
                    JpaUnit.inTransaction(emf, em -> {
                        em.persist(new Mailing(1L, "p-1", LocalDateTime.of(2025, 1, 10, 9, 0), "old",
                                List.of("courses", "prices")));
                        em.persist(new Mailing(2L, "p-2", LocalDateTime.of(2026, 5, 10, 9, 0), "recent",
                                List.of("courses")));
                    });
                }

                SweepReport report;
                try (ProcessingContext.Scope scope = ProcessingContext.open("retention", "custos-retention-sweep")) {
                    report = new RetentionSweeper(runtime).sweep();
                }

                assertThat(report.outcome()).isEqualTo(SweepReport.Outcome.COMPLETED);
                assertThat(count(db, "SELECT COUNT(*) FROM Mailing")).isEqualTo(1);
                assertThat(count(db, "SELECT COUNT(*) FROM Mailing_topic")).isEqualTo(1);
                assertThat(count(db, "SELECT COUNT(*) FROM custos_erasure_log WHERE entity_name = 'Mailing'"))
                        .isEqualTo(1);
            } finally {
                emf.close();
            }
        }
    }

    private static long count(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
