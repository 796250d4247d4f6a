// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.retention;

import dev.custos.core.Message;
import dev.custos.core.policy.PolicyRule;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the retention sweep must do with a record now, and why.
 *
 * @param status what to do
 * @param dueAt  when the retention ends or ended, if that can be known
 * @param rule   the rule applied
 * @param hold   the legal hold that keeps the record, for {@link Status#HELD}
 * @param detail why, with a message id, citing the rule
 * @param ground for {@link Status#DUE}, the GDPR Art. 17(1) ground of the erasure: {@code GDPR Art. 17(1)(b)} when
 *               a withdrawn consent ended the retention, {@code GDPR Art. 17(1)(a)} (no longer necessary) when the
 *               period did; empty otherwise
 */
public record RetentionDecision(Status status, Optional<Instant> dueAt, PolicyRule rule, Optional<LegalHold> hold,
                                Message detail, Optional<String> ground) {

    /** A decision that erases nothing, so names no ground. */
    public RetentionDecision(Status status, Optional<Instant> dueAt, PolicyRule rule, Optional<LegalHold> hold,
                             Message detail) {
        this(status, dueAt, rule, hold, detail, Optional.empty());
    }

    /** The sweep's options. Only {@link #DUE} erases. */
    public enum Status {
        /** The retention has not ended: keep. */
        RETAINED,
        /** The retention has ended and nothing holds the record: erase now. */
        DUE,
        /** A legal hold keeps the record, whatever its due date. */
        HELD,
        /** The retention has ended, but the rule asks a person to decide: keep, and list it for review. */
        REVIEW,
        /** The due date cannot be known (no anchor, consent state unknown): keep, and say so. */
        UNDETERMINED
    }

    public RetentionDecision {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(hold, "hold");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(ground, "ground");
    }

    /** Whether the sweep may erase the record now. */
    public boolean erasable() {
        return status == Status.DUE;
    }
}
