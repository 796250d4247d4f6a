// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.request;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where a data-subject request stands. The allowed moves are:
 * <pre>
 * RECEIVED           -&gt; IDENTITY_VERIFIED | REFUSED (identity not verified: GDPR Art. 11(2), 12(6))
 * IDENTITY_VERIFIED  -&gt; IN_PROGRESS | REFUSED
 * IN_PROGRESS        -&gt; EXTENDED | COMPLETED | REFUSED
 * EXTENDED           -&gt; COMPLETED | REFUSED
 * COMPLETED, REFUSED    terminal: no move at all
 * </pre>
 * There is no way back to an earlier state, so a request can be extended at most once, as GDPR Art. 12(3)
 * allows. The rules that depend on more than the states (an extension only before the deadline and with a
 * reason, a refusal only with a reason and a citation) are checked by {@link DataSubjectRequest}.
 * Thread-safe, as every enum.
 */
public enum RequestState {

    /** The request has arrived; the deadline runs from the day of receipt. */
    RECEIVED,
    /** The requester has been identified as the data subject (or someone entitled to act for them). */
    IDENTITY_VERIFIED,
    /** The controller is working on the answer. */
    IN_PROGRESS,
    /** The deadline has been extended by two further months under GDPR Art. 12(3). */
    EXTENDED,
    /** The request has been answered. Terminal. */
    COMPLETED,
    /** The controller has refused to act, with a reason and a citation. Terminal. */
    REFUSED;

    /** Whether no further move is possible. */
    public boolean terminal() {
        return this == COMPLETED || this == REFUSED;
    }

    /** The states this one may move to, in declaration order; empty for terminal states. Unmodifiable. */
    public Set<RequestState> allowedNext() {
        // A switch rather than a constructor argument: enum constants cannot refer to constants declared later.
        EnumSet<RequestState> next = switch (this) {
            case RECEIVED -> EnumSet.of(IDENTITY_VERIFIED, REFUSED);
            case IDENTITY_VERIFIED -> EnumSet.of(IN_PROGRESS, REFUSED);
            case IN_PROGRESS -> EnumSet.of(EXTENDED, COMPLETED, REFUSED);
            case EXTENDED -> EnumSet.of(COMPLETED, REFUSED);
            case COMPLETED, REFUSED -> EnumSet.noneOf(RequestState.class);
        };
        return Collections.unmodifiableSet(next);
    }

    /** Whether a request in this state may move to {@code target}. */
    public boolean canMoveTo(RequestState target) {
        return allowedNext().contains(target);
    }
}
