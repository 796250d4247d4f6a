// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal;

import dev.custos.core.SafeCause;
import java.lang.System.Logger.Level;
import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/** Looks up what Jakarta EE servers bind in JNDI; Java SE has none of it. */
final class Jndi {

    private static final System.Logger LOG = System.getLogger(Jndi.class.getName());

    private Jndi() {
    }

    /** The object bound to {@code name}, if there is one of {@code type}; a failed lookup is logged (CUSTOS-05070). */
    static <T> Optional<T> lookup(String name, Class<T> type) {
        try {
            Object found = new InitialContext().lookup(name);
            return type.isInstance(found) ? Optional.of(type.cast(found)) : Optional.empty();
        } catch (NamingException e) {
            // the usual answer outside a server, or for a name the server does not bind
            LOG.log(Level.DEBUG, CdiMessages.jndiLookupFailed(name, SafeCause.of(e)).toString());
            return Optional.empty();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, CdiMessages.jndiLookupFailed(name, SafeCause.of(e)).toString());
            return Optional.empty();
        }
    }
}
