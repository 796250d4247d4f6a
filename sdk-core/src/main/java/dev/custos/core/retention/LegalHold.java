// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.retention;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A legal hold: data that must be kept past its retention while a case is pending (a complaint, a
 * supervision case, a legal claim). A hold beats every due date and every erasure request until it is
 * released.
 *
 * @param id         the hold's id
 * @param reasonId   the policy pack's hold reason, for example {@code complaint-pending}
 * @param placedAt   when it took effect
 * @param releasedAt when it was released, if it has been
 * @param placedBy   who placed it
 * @param note       the case it belongs to; may be empty
 */
public record LegalHold(String id, String reasonId, Instant placedAt, Optional<Instant> releasedAt, String placedBy,
                        String note) {

    public LegalHold {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reasonId, "reasonId");
        Objects.requireNonNull(placedAt, "placedAt");
        Objects.requireNonNull(releasedAt, "releasedAt");
        Objects.requireNonNull(placedBy, "placedBy");
        Objects.requireNonNull(note, "note");
    }

    /** Whether the hold is in force at {@code instant}. */
    public boolean activeAt(Instant instant) {
        return !placedAt.isAfter(instant) && releasedAt.map(instant::isBefore).orElse(true);
    }
}
