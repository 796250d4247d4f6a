// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal;

import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/** Looks up what Jakarta EE servers bind in JNDI; Java SE has none of it. */
final class Jndi {

    private Jndi() {
    }

    /** The object bound to {@code name}, if there is one of {@code type}. */
    static <T> Optional<T> lookup(String name, Class<T> type) {
        try {
            Object found = new InitialContext().lookup(name);
            return type.isInstance(found) ? Optional.of(type.cast(found)) : Optional.empty();
        } catch (NamingException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
