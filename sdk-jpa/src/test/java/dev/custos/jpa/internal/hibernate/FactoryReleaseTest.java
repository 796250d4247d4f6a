// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.access.ProcessingContext;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.TestDatabase;
import dev.custos.jpa.testmodel.CareNote;
import jakarta.persistence.EntityManagerFactory;
import java.lang.ref.WeakReference;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 19: a closed Hibernate factory Custos was started for can be collected, and with it the application's
 * class loader on a redeployment; the projection guard used to keep it in a static map for good.
 */
class FactoryReleaseTest {

    @Test
    void aClosedFactoryIsNotKeptByCustos() throws Exception {
        JpaUnit unit = new JpaUnit(JpaUnit.Provider.HIBERNATE, TestDatabase.DERBY);
        try (TestDatabase db = TestDatabase.empty(unit.database())) {
            WeakReference<EntityManagerFactory> released = startUseAndClose(unit, db);
            for (int i = 0; i < 100 && released.get() != null; i++) {
                System.gc();
                Thread.sleep(20);
            }
            assertThat(released.get()).as("the closed factory was collected").isNull();
        }
    }

    private static WeakReference<EntityManagerFactory> startUseAndClose(JpaUnit unit, TestDatabase db) {
        EntityManagerFactory emf = unit.openVariant("care", db, Map.of("custos.pack", "dk"));
        CustosJpa.start(unit.unitName(), emf, db.dataSource());
        try (ProcessingContext.Scope scope = ProcessingContext.open("treatment", "dr-berg")) {
            JpaUnit.inTransaction(emf, em -> em.persist(new CareNote(1L, "c1", "dr-berg", LocalDate.of(2026, 1, 5),
                    "first session")));
            JpaUnit.inTransaction(emf, em -> em.createQuery("SELECT n.clientId FROM CareNote n").getResultList());
        }
        emf.close();
        return new WeakReference<>(emf);
    }
}
