// SPDX-License-Identifier: Apache-2.0
package dev.custos.verifier;

import dev.custos.core.Message;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the verifier found in one chain. Immutable.
 *
 * @param chain       {@code audit/<id>} or {@code ledger}
 * @param records     records read, including the one where a problem was found
 * @param head        the last record that passed every check (0 for none)
 * @param firstBroken the lowest record that cannot be trusted, when broken
 * @param problem     what is wrong, when broken
 * @param signedUpTo  the newest record a valid signed checkpoint covers, if any
 * @param signedAt    when that checkpoint was signed
 * @param droppedUpTo the last record dropped by the audit trail's retention, whose signed cut verification started
 *                    from (0 for none)
 * @param cutSignedAt when that cut was signed
 */
record ChainResult(String chain, long records, long head, OptionalLong firstBroken, Optional<Message> problem,
                   OptionalLong signedUpTo, Optional<Instant> signedAt, long droppedUpTo, Optional<Instant> cutSignedAt) {

    /** A chain whose first records are gone and no signed cut covers them. */
    static ChainResult cutUncovered(String chain, long cut) {
        return new ChainResult(chain, 0, 0, OptionalLong.of(1), Optional.of(VerifierMessages.cutUncovered(chain,
                Long.toString(cut + 1), Long.toString(cut))), OptionalLong.empty(), Optional.empty(), 0,
                Optional.empty());
    }

    boolean intact() {
        return problem.isEmpty();
    }

    /** Records after the newest signed checkpoint, which only the next one will cover. */
    long unsigned() {
        return head - signedUpTo.orElse(0);
    }
}
