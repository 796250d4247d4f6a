// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.persistence.PersistenceUnit;

/** {@code @PersistenceUnit(unitName = ...)}, for the extension to put on {@link UnitHolder}. */
final class PersistenceUnitLiteral extends AnnotationLiteral<PersistenceUnit> implements PersistenceUnit {

    private static final long serialVersionUID = 1L;
    private final String unitName;

    PersistenceUnitLiteral(String unitName) {
        this.unitName = unitName;
    }

    @Override
    public String name() {
        return "";
    }

    @Override
    public String unitName() {
        return unitName;
    }
}
