// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.hibernate;

import dev.custos.core.CustosException;
import dev.custos.jpa.internal.JpaMessages;
import java.util.List;
import org.hibernate.Version;

/**
 * The Hibernate ORM lines Custos' hooks are written and tested for: 6.6, and 7 (tested on 7.4). They use
 * Hibernate's event and persistence context SPI and internals ({@code PersistenceContext.getEntityHoldersByKey()},
 * the Bean Validation listener's fields), whose signatures change between lines; where 6.6 and 7 differ, the
 * member is found in either shape at start ({@link HibernateShapes}, {@link HibernateValidationMasks}). A unit on
 * another line fails its start rather than have rows decided by hooks that do not fit it.
 */
final class HibernateVersion {

    /** The supported lines, as the start of Hibernate's version string. */
    static final List<String> SUPPORTED = List.of("6.6.", "7.");

    private HibernateVersion() {
    }

    /** @throws CustosException {@code CUSTOS-04452} if the Hibernate ORM in use is of no supported line */
    static void require(String unitName) {
        require(unitName, Version.getVersionString());
    }

    static void require(String unitName, String version) {
        if (SUPPORTED.stream().noneMatch(version::startsWith)) {
            throw new CustosException(JpaMessages.hibernateVersionUnknown(unitName, version,
                    String.join(", ", SUPPORTED.stream().map(line -> line + "x").toList())));
        }
    }
}
