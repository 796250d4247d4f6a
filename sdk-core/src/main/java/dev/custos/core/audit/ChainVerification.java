// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.audit;

import dev.custos.core.Message;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The result of {@link AuditChainVerifier}: whether the records read form an intact chain and, if not, the
 * first problem. Verification stops at the first problem, so there is at most one. Instances are immutable
 * and thread-safe.
 * <p>
 * {@code firstBroken} is the lowest sequence that can no longer be trusted; every record before it passed all
 * checks. It is the sequence expected at the point where verification failed, so for a removed record it
 * names the missing one, and for a cut-off tail the first record cut off. A forged record that carries a
 * correct hash and link can only be exposed by the record after it (or by a checkpoint), so after a broken
 * link or a repeated sequence, treat the record just before {@code firstBroken} as suspect too.
 *
 * @param intact         whether every check passed
 * @param recordsChecked how many records were read, including the one where a problem was found
 * @param firstBroken    the lowest untrustworthy sequence, if the chain is not intact
 * @param problem        what is wrong, with a stable message id, if the chain is not intact
 * @param verifiedHead   the last record that passed every check (the trusted start if none did); for an intact
 *                       chain, the checkpoint to store and to pass to
 *                       {@link AuditChainVerifier#verifyFrom(Checkpoint, java.util.Iterator)} next time
 */
public record ChainVerification(boolean intact, long recordsChecked, OptionalLong firstBroken,
                                Optional<Message> problem, Checkpoint verifiedHead) {

    public ChainVerification {
        Objects.requireNonNull(firstBroken, "firstBroken");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(verifiedHead, "verifiedHead");
        boolean broken = firstBroken.isPresent() || problem.isPresent();
        if (intact == broken || firstBroken.isPresent() != problem.isPresent()) {
            throw new IllegalArgumentException("an intact chain has no problem; a broken one has both a problem and"
                    + " a first broken sequence");
        }
        if (recordsChecked < 0) {
            throw new IllegalArgumentException("recordsChecked is negative: " + recordsChecked);
        }
    }

    static ChainVerification intact(long recordsChecked, Checkpoint head) {
        return new ChainVerification(true, recordsChecked, OptionalLong.empty(), Optional.empty(), head);
    }

    static ChainVerification broken(long recordsChecked, long firstBroken, Message problem, Checkpoint verifiedHead) {
        return new ChainVerification(false, recordsChecked, OptionalLong.of(firstBroken), Optional.of(problem),
                verifiedHead);
    }
}
