// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.CustosException;
import jakarta.persistence.EntityManagerFactory;

/**
 * The JPA providers Custos hooks into, told apart by the factory's class name, so that an application shipping one
 * of them never loads the other's classes.
 */
public enum JpaProvider {
    HIBERNATE("org.hibernate.", "Hibernate"),
    ECLIPSELINK("org.eclipse.persistence.", "EclipseLink");

    private final String packagePrefix;
    private final String displayName;

    JpaProvider(String packagePrefix, String displayName) {
        this.packagePrefix = packagePrefix;
        this.displayName = displayName;
    }

    /**
     * The provider of {@code emf}.
     *
     * @throws CustosException {@code CUSTOS-04415} for a provider other than EclipseLink and Hibernate
     */
    public static JpaProvider of(EntityManagerFactory emf) {
        String type = emf.getClass().getName();
        for (JpaProvider provider : values()) {
            if (type.startsWith(provider.packagePrefix)) {
                return provider;
            }
        }
        throw new CustosException(JpaMessages.unsupportedProvider(type));
    }

    /** The provider's name, as its users know it. */
    public String displayName() {
        return displayName;
    }
}
