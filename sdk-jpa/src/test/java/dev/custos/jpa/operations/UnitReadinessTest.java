// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.Message;
import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.UnitReadiness;
import dev.custos.jpa.schema.CustosSchema;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.ProviderMatrix;
import dev.custos.jpa.testing.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;

/**
 * A started unit is ready, with its schema version and pack; it is not ready when its audit chains' heads or its
 * schema cannot be read, or the schema is older than this release needs, each said with its own id.
 */
class UnitReadinessTest {

    @ProviderMatrix
    void readyWhenEverythingCanBeReadAndNotOnceTheTablesGo(JpaUnit unit) throws Exception {
        try (TestDatabase db = TestDatabase.empty(unit.database())) {
            EntityManagerFactory emf = unit.open(db, Map.of("custos.pack", "dk"));
            try {
                CustosRuntime custos = CustosJpa.start(unit.unitName(), emf, db.dataSource());
                UnitReadiness ready = UnitReadiness.check(custos);
                assertThat(ready.ready()).as("%s", ready.problems()).isTrue();
                assertThat(ready.schemaVersion()).contains(CustosSchema.LATEST_VERSION);
                assertThat(ready.packId()).contains("dk");

                execute(db, "DROP TABLE custos_audit_head");
                UnitReadiness noHeads = UnitReadiness.check(custos);
                assertThat(noHeads.ready()).isFalse();
                assertThat(noHeads.problems()).extracting(Message::id).containsExactly(4536, 4536);
                assertThat(noHeads.problems().get(0).toString()).startsWith("CUSTOS-04536: ")
                        .contains("persistence unit " + unit.unitName(), "audit chain reads");

                execute(db, "DROP TABLE custos_schema_history");
                UnitReadiness noSchema = UnitReadiness.check(custos);
                assertThat(noSchema.schemaVersion()).contains(0);
                assertThat(noSchema.problems()).extracting(Message::id).containsExactly(4533);
                assertThat(noSchema.packId()).contains("dk");
            } finally {
                emf.close();
            }
        }
    }

    @ProviderMatrix
    void aUnitWhereCustosIsSwitchedOffIsReadyWithNothingChecked(JpaUnit unit) throws Exception {
        try (TestDatabase db = TestDatabase.empty(unit.database())) {
            EntityManagerFactory emf = unit.open(db, Map.of("custos.pack", "dk", "custos.enabled", "false"));
            try {
                UnitReadiness off = UnitReadiness.check(CustosJpa.start(unit.unitName(), emf, db.dataSource()));
                assertThat(off.ready()).isTrue();
                assertThat(off.enabled()).isFalse();
                assertThat(off.schemaVersion()).isEqualTo(Optional.empty());
            } finally {
                emf.close();
            }
        }
    }

    private static void execute(TestDatabase db, String sql) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
