// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.access;

import dev.custos.core.Message;
import java.util.Objects;
import java.util.Optional;

/** An access policy's answer: permitted, or denied with a reason that the refusal and the audit record carry. */
public final class AccessVerdict {

    private static final AccessVerdict PERMIT = new AccessVerdict(null);

    private final Message reason;

    private AccessVerdict(Message reason) {
        this.reason = reason;
    }

    public static AccessVerdict permit() {
        return PERMIT;
    }

    /** Denies, saying why in a numbered message (see {@link Message#of}). */
    public static AccessVerdict deny(Message reason) {
        return new AccessVerdict(Objects.requireNonNull(reason, "reason"));
    }

    public boolean permitted() {
        return reason == null;
    }

    /** Why the access was denied; empty when permitted. */
    public Optional<Message> reason() {
        return Optional.ofNullable(reason);
    }

    @Override
    public String toString() {
        return reason == null ? "permit" : "deny: " + reason;
    }
}
