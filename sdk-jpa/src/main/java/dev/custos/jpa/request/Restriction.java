// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.request;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A restriction of processing (GDPR Art. 18) placed by a request: while it is in force the subject's data is only
 * stored. Immutable and thread-safe.
 *
 * @param requestId the restriction request that placed it
 * @param placedAt  when it took effect
 * @param liftedAt  when it was lifted, if it was
 */
public record Restriction(String requestId, Instant placedAt, Optional<Instant> liftedAt) {

    public Restriction {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(placedAt, "placedAt");
        Objects.requireNonNull(liftedAt, "liftedAt");
    }

    /** Whether the restriction is in force at {@code at}. */
    public boolean activeAt(Instant at) {
        return !placedAt.isAfter(at) && liftedAt.map(at::isBefore).orElse(true);
    }
}
