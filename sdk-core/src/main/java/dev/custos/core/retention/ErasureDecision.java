// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.retention;

import dev.custos.core.Message;
import dev.custos.core.gdpr.ErasureExemption;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to an erasure request for one record (or field): erase it, keep it with the rule and
 * citation that require keeping it, or leave it for a person to decide.
 *
 * @param outcome   erase, keep or review
 * @param citation  the provision the answer rests on
 * @param exemption the GDPR Art. 17(3) exemption, when the answer is to keep
 * @param keepUntil when the duty to keep ends, if known
 * @param detail    why, with a message id, fit to be sent to the data subject
 */
public record ErasureDecision(Outcome outcome, String citation, Optional<ErasureExemption> exemption,
                              Optional<Instant> keepUntil, Message detail) {

    public enum Outcome {
        /** Erase now. */
        ERASE,
        /** Keep: a duty to keep or a legal hold applies (the detail names it). */
        KEEP,
        /** The right applies only if a condition holds that a person must assess; keep until decided. */
        REVIEW
    }

    public ErasureDecision {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(citation, "citation");
        Objects.requireNonNull(exemption, "exemption");
        Objects.requireNonNull(keepUntil, "keepUntil");
        Objects.requireNonNull(detail, "detail");
    }
}
