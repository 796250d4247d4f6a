// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.CustosException;
import jakarta.persistence.EntityManagerFactory;
import java.util.Arrays;
import java.util.Optional;

/**
 * The JPA providers Custos hooks into, told apart by the factory's class name, so that an application shipping one
 * of them never loads the other's classes.
 */
public enum JpaProvider {
    HIBERNATE("org.hibernate.", "Hibernate", "org.hibernate.SessionFactory"),
    ECLIPSELINK("org.eclipse.persistence.", "EclipseLink", "org.eclipse.persistence.jpa.JpaEntityManagerFactory");

    private final String packagePrefix;
    private final String displayName;
    private final String factoryInterface;

    JpaProvider(String packagePrefix, String displayName, String factoryInterface) {
        this.packagePrefix = packagePrefix;
        this.displayName = displayName;
        this.factoryInterface = factoryInterface;
    }

    /** The provider of {@code emf}, or empty for a wrapper, a proxy or another provider's factory. */
    public static Optional<JpaProvider> find(EntityManagerFactory emf) {
        String type = emf.getClass().getName();
        return Arrays.stream(values()).filter(provider -> type.startsWith(provider.packagePrefix)).findFirst();
    }

    /**
     * The provider of {@code emf}.
     *
     * @throws CustosException {@code CUSTOS-04415} for a provider other than EclipseLink and Hibernate
     */
    public static JpaProvider of(EntityManagerFactory emf) {
        return find(emf).orElseThrow(() -> new CustosException(JpaMessages.unsupportedProvider(
                emf.getClass().getName())));
    }

    /** The provider's name, as its users know it. */
    public String displayName() {
        return displayName;
    }

    /** The provider's factory interface, which its factory unwraps to (read by name: the class may be absent). */
    public String factoryInterface() {
        return factoryInterface;
    }
}
