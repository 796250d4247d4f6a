// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.request;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One move of a data-subject request, kept in its {@link DataSubjectRequest#history()} so that the
 * controller can show who did what and when. Immutable and thread-safe.
 *
 * @param from   the state before
 * @param to     the state after
 * @param at     when the move happened
 * @param actor  who made it (a user or system id), never blank
 * @param reason why, where the move needs one (an extension or a refusal); empty otherwise
 */
public record RequestTransition(RequestState from, RequestState to, Instant at, String actor,
                                Optional<String> reason) {

    public RequestTransition {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(reason, "reason");
    }
}
