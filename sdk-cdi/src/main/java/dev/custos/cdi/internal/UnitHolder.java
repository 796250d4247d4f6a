// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;

/**
 * Holds the factory of one persistence unit. The extension registers this class once per unit declared in
 * persistence.xml, each time with {@code @PersistenceUnit(unitName = ...)} on {@link #factory} and qualified
 * with {@link UnitName}, so the container injects every unit without the application declaring anything.
 */
public class UnitHolder {

    @PersistenceUnit
    EntityManagerFactory factory;

    /** The injected factory; null when the container could not inject it. */
    public EntityManagerFactory factory() {
        return factory;
    }
}
