// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.consent.ConsentEvent;
import java.util.List;

/** Where the access guard reads a subject's consent events from (the ledger, on its own connection). */
@FunctionalInterface
public interface ConsentLookup {

    /**
     * The subject's events in ledger order.
     *
     * @throws Exception when the ledger cannot be read; the guard then refuses access
     */
    List<ConsentEvent> events(String subjectId) throws Exception;
}
