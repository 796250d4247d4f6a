// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.consent;

import dev.custos.core.Message;
import dev.custos.core.SafeCause;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to "may this subject's data be processed for this purpose, on the basis of consent, now?".
 *
 * @param permitted whether processing is permitted
 * @param reason    why, as a code to branch on
 * @param purpose   the purpose asked about
 * @param decisive  the ledger event the answer rests on, if any
 * @param detail    why, with a message id, fit for logs and the audit trail
 */
public record ConsentDecision(boolean permitted, Reason reason, String purpose, Optional<ConsentEvent> decisive,
                              Message detail) {

    /** Why a decision came out as it did. */
    public enum Reason {
        /** Consent is given and in force. */
        GIVEN,
        /** The ledger has no consent for this purpose. */
        NEVER_GIVEN,
        /** The last event withdrew consent. */
        WITHDRAWN,
        /** The consent lapsed. */
        EXPIRED,
        /** Consent was given under a privacy notice that is no longer accepted. */
        NOTICE_OUTDATED,
        /** The ledger could not be read: Custos fails closed. */
        UNAVAILABLE
    }

    public ConsentDecision {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(decisive, "decisive");
        Objects.requireNonNull(detail, "detail");
        if (permitted != (reason == Reason.GIVEN)) {
            throw new IllegalArgumentException("permitted must be true exactly when the reason is GIVEN");
        }
    }

    /** The decision when the ledger cannot be read: refused, never guessed. */
    public static ConsentDecision unavailable(String purpose, SafeCause cause) {
        return new ConsentDecision(false, Reason.UNAVAILABLE, purpose, Optional.empty(),
                ConsentMessages.ledgerUnavailable(purpose, cause));
    }
}
