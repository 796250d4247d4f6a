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
 */
record ChainResult(String chain, long records, long head, OptionalLong firstBroken, Optional<Message> problem,
                   OptionalLong signedUpTo, Optional<Instant> signedAt) {

    boolean intact() {
        return problem.isEmpty();
    }

    /** Records after the newest signed checkpoint, which only the next one will cover. */
    long unsigned() {
        return head - signedUpTo.orElse(0);
    }
}
