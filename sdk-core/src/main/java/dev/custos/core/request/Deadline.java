// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.request;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * When an answer to a data-subject request is due. Computed by {@link RequestDeadlines}; immutable and
 * thread-safe.
 *
 * @param lastDay   the last day, in the controller's time zone, on which the answer is in time
 * @param expiresAt the instant the day after {@code lastDay} starts in that zone: from then on the answer
 *                  is late (exclusive end of the period)
 * @param basis     what sets the deadline, for example {@code GDPR Art. 12(3)} or
 *                  {@code policy pack: answered within P30D}
 */
public record Deadline(LocalDate lastDay, Instant expiresAt, String basis) {

    public Deadline {
        Objects.requireNonNull(lastDay, "lastDay");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(basis, "basis");
    }

    /** Whether the deadline has passed at {@code now}, that is {@code now} is at or after {@link #expiresAt()}. */
    public boolean passed(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** The time from {@code now} to {@link #expiresAt()}; negative once the deadline has passed. */
    public Duration left(Instant now) {
        return Duration.between(now, expiresAt);
    }
}
