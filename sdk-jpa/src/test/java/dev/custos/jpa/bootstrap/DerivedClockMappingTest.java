// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.custos.core.CustosDefinitionException;
import dev.custos.core.Message;
import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.ProviderMatrix;
import dev.custos.jpa.testing.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.util.Map;

/** A derived clock through what JPA does not store stops the unit, not a sweep months later. */
class DerivedClockMappingTest {

    @ProviderMatrix
    void clocksThroughUnmappedAttributesOrEntitiesStopTheStart(JpaUnit unit) throws Exception {
        try (TestDatabase db = TestDatabase.empty(unit.database())) {
            EntityManagerFactory emf = unit.openVariant("clocks-broken", db, Map.of("custos.pack", "dk"));
            try {
                CustosDefinitionException e = catchThrowableOfType(CustosDefinitionException.class,
                        () -> CustosJpa.start(unit.unitName() + "-clocks-broken", emf, db.dataSource()));

                assertThat(e.messageId()).isEqualTo("CUSTOS-04440");
                assertThat(e.problems()).extracting(Message::code).containsExactlyInAnyOrder("CUSTOS-04532",
                        "CUSTOS-04531");
                assertThat(e.problems()).anyMatch(p -> p.text().contains("CarelessOwner.notes"));
                assertThat(e.problems()).anyMatch(p -> p.text().contains("CarelessOwner$Letter"));
            } finally {
                emf.close();
            }
        }
    }
}
