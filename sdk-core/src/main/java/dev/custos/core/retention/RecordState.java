// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.retention;

import dev.custos.core.consent.ConsentStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the retention engine needs to know about one record.
 *
 * @param anchor  when the record's retention clock started (its {@code @RetentionAnchor}); empty if unknown
 * @param consent the state of consent, for data kept until consent is withdrawn
 * @param holds   the legal holds that cover the record (on it, or on its subject)
 */
public record RecordState(Optional<Instant> anchor, ConsentStatus consent, List<LegalHold> holds) {

    public RecordState {
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(consent, "consent");
        holds = List.copyOf(holds);
    }

    /** A record whose clock started at {@code anchor}, with no holds. */
    public static RecordState anchoredAt(Instant anchor) {
        return new RecordState(Optional.of(anchor), ConsentStatus.unknown(), List.of());
    }

    public RecordState withHolds(List<LegalHold> newHolds) {
        return new RecordState(anchor, consent, newHolds);
    }

    public RecordState withConsent(ConsentStatus newConsent) {
        return new RecordState(anchor, newConsent, holds);
    }
}
