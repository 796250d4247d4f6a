// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.consent;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether consent for a purpose is in force, as the retention engine needs it: data kept
 * "until consent is withdrawn" is due from the moment consent ended. {@link #unknown()} (the ledger could
 * not be read, or has never recorded consent) keeps the data: Custos never erases on a guess.
 *
 * @param state   active, ended or unknown
 * @param endedAt when consent ended, for {@link State#ENDED}
 */
public record ConsentStatus(State state, Optional<Instant> endedAt) {

    public enum State { ACTIVE, ENDED, UNKNOWN }

    public ConsentStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(endedAt, "endedAt");
        if ((state == State.ENDED) != endedAt.isPresent()) {
            throw new IllegalArgumentException("endedAt must be present exactly when consent has ended");
        }
    }

    public static ConsentStatus active() {
        return new ConsentStatus(State.ACTIVE, Optional.empty());
    }

    public static ConsentStatus endedAt(Instant at) {
        return new ConsentStatus(State.ENDED, Optional.of(at));
    }

    public static ConsentStatus unknown() {
        return new ConsentStatus(State.UNKNOWN, Optional.empty());
    }
}
