// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.CustosException;
import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.ProviderMatrix;
import dev.custos.jpa.testing.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.util.Map;
import org.hibernate.Version;
import org.junit.jupiter.api.Test;

/**
 * Custos starts on the Hibernate ORM lines it knows, 6.6 and 7, and refuses any other at the start
 * ({@code CUSTOS-04452}). The build runs this class on Hibernate 6.6 and again on Hibernate 7.4 (surefire execution
 * {@code hibernate7}, cells named {@code hibernate7-<database>}).
 */
class HibernateVersionTest {

    @Test
    void onlyTheKnownLinesPass() {
        for (String known : new String[] {"6.6.40.Final", "6.6.56.Final", "7.0.0.Final", "7.4.16.Final"}) {
            assertThatCode(() -> HibernateVersion.require("u", known)).doesNotThrowAnyException();
        }
        for (String other : new String[] {"6.5.3.Final", "6.60.0.Final", "8.0.0.Alpha1", "70.0.0.Final"}) {
            assertThatThrownBy(() -> HibernateVersion.require("clinic", other))
                    .isInstanceOf(CustosException.class)
                    .hasMessageContaining("CUSTOS-04452: Persistence unit clinic runs on Hibernate ORM " + other)
                    .hasMessageContaining("tested on Hibernate ORM 6.6.x, 7.x");
        }
    }

    @ProviderMatrix
    void aUnitStartsOnTheHibernateLineOfItsCell(JpaUnit unit) throws Exception {
        if (unit.provider() != JpaUnit.Provider.HIBERNATE) {
            return; // EclipseLink has no such gate
        }
        String version = Version.getVersionString();
        assertThat(unit.toString()).startsWith(version.startsWith("7.") ? "hibernate7-" : "hibernate-");
        try (TestDatabase db = TestDatabase.empty(unit.database())) {
            EntityManagerFactory emf = unit.openVariant("care", db, Map.of("custos.pack", "no"));
            try {
                assertThat(CustosJpa.start(unit.unitName(), emf, db.dataSource()).unitName())
                        .isEqualTo(unit.unitName());
            } finally {
                emf.close();
            }
        }
    }
}
