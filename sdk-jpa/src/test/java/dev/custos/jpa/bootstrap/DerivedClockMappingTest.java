// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.custos.core.CustosDefinitionException;
import dev.custos.core.Message;
import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A derived clock through what JPA does not store stops the unit, not a sweep months later. */
class DerivedClockMappingTest {

    @ParameterizedTest(name = "[{0}]")
    @MethodSource("dev.custos.jpa.testing.JpaUnit#matrix")
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
