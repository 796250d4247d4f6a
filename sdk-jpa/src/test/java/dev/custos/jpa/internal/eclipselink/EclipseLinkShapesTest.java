// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.eclipselink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.custos.core.CustosException;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.TestDatabase;
import dev.custos.jpa.testmodel.CareNote;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.metamodel.Attribute;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.internal.helper.DatabaseTable;
import org.eclipse.persistence.jpa.JpaHelper;
import org.eclipse.persistence.mappings.DatabaseMapping;
import org.junit.jupiter.api.Test;

/**
 * The getters that return a Vector on EclipseLink 4.0 and a List on 5.0 are found in either shape: the default run
 * tests 4.0, the eclipselink5 run 5.0 (where the calls compiled against 4.0 failed with NoSuchMethodError).
 */
class EclipseLinkShapesTest {

    @Test
    void theDescriptorsMappingsAndTablesAreReadOnTheEclipseLinkInUse() throws Exception {
        assumeTrue(JpaUnit.providers().contains(JpaUnit.Provider.ECLIPSELINK), "EclipseLink is not tested in this run");
        JpaUnit unit = new JpaUnit(JpaUnit.Provider.ECLIPSELINK, TestDatabase.DERBY);
        try (TestDatabase db = TestDatabase.empty(unit.database())) {
            EntityManagerFactory emf = unit.openVariant("care", db, Map.of("custos.pack", "dk"));
            try {
                EclipseLinkShapes.require("care");
                ClassDescriptor descriptor = JpaHelper.getServerSession(emf).getDescriptor(CareNote.class);
                assertThat(EclipseLinkShapes.mappings(descriptor)).extracting(DatabaseMapping::getAttributeName)
                        .containsExactlyInAnyOrderElementsOf(emf.getMetamodel().entity(CareNote.class)
                                .getAttributes().stream().map(Attribute::getName).toList());
                assertThat(EclipseLinkShapes.tables(descriptor)).extracting(DatabaseTable::getName)
                        .containsExactly("CareNote");
                DatabaseMapping note = descriptor.getMappingForAttributeName("note");
                assertThat(EclipseLinkShapes.fields(note)).hasSize(1);
            } finally {
                emf.close();
            }
        }
    }

    @Test
    void aGetterInNeitherShapeFailsTheStartNamingIt() {
        List<String> missing = new ArrayList<>();
        assertThat(EclipseLinkShapes.getter(ClassDescriptor.class, "getMappings", missing)).isNotNull();
        assertThat(EclipseLinkShapes.getter(ClassDescriptor.class, "getRowsOfOtherTimes", missing)).isNull();
        assertThatThrownBy(() -> EclipseLinkShapes.require("care", missing)).isInstanceOf(CustosException.class)
                .hasMessageContaining("CUSTOS-04481").hasMessageContaining("ClassDescriptor.getRowsOfOtherTimes()");
    }
}
