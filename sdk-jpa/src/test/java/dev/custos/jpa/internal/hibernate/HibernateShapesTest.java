// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.CustosException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.hibernate.Version;
import org.junit.jupiter.api.Test;

/**
 * Where Hibernate 6.6 and 7 differ, Custos takes the shape the Hibernate in use has, and a Hibernate with neither
 * fails the start with {@code CUSTOS-04480} naming the member. The suites of both lines (surefire executions
 * {@code default-test} and {@code hibernate7}) show each line's shapes at work: every audited write goes through
 * them.
 */
class HibernateShapesTest {

    private static final MethodType TYPE = MethodType.methodType(String.class);

    @Test
    void theFirstShapeThisHibernateHasIsTaken() throws Throwable {
        MethodHandle found = HibernateShapes.first("clinic", "Thing.member()", TYPE,
                () -> {
                    throw new NoSuchMethodException("the 6.6 shape");
                },
                () -> MethodHandles.constant(String.class, "the 7 shape"),
                () -> MethodHandles.constant(String.class, "a later shape"));
        assertThat((String) found.invokeExact()).isEqualTo("the 7 shape");
    }

    @Test
    void aMemberInNoKnownShapeFailsTheStartWithItsName() {
        assertThatThrownBy(() -> HibernateShapes.first("clinic", "AbstractEvent.getSession()", TYPE,
                () -> {
                    throw new NoSuchMethodException("getSession returning EventSource");
                },
                () -> {
                    throw new ClassNotFoundException("org.hibernate.Gone");
                }))
                .isInstanceOf(CustosException.class)
                .hasMessageStartingWith("CUSTOS-04480: Persistence unit clinic runs on Hibernate ORM "
                        + Version.getVersionString() + ", which has AbstractEvent.getSession() in none of the shapes")
                .hasMessageContaining("NoSuchMethodException: getSession returning EventSource")
                .hasMessageContaining("ClassNotFoundException: org.hibernate.Gone");
    }

    @Test
    void theLineInUseHasEveryMemberInAKnownShape() {
        assertThat(HibernateShapes.resolve("clinic")).isNotNull();
    }
}
