// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.audit;

import dev.custos.core.CustosException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The head of an audit chain: the sequence and hash of its last record. Store checkpoints apart from the
 * records (another database, a signed log, a ticket) so that {@link AuditChainVerifier} can detect a chain
 * whose tail was cut off or rewritten. Instances are immutable and thread-safe.
 *
 * @param sequence the last record's sequence; 0 for an empty chain
 * @param hash     the last record's hash, 64 lowercase hex digits; {@link #GENESIS_HASH} for an empty chain
 */
public record Checkpoint(long sequence, String hash) {

    // Declared before GENESIS: that constant runs the constructor, which needs the pattern.
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    /** The {@code previousHash} of the first record: 64 zeros. */
    public static final String GENESIS_HASH = "0".repeat(64);

    /** The head of an empty chain. */
    public static final Checkpoint GENESIS = new Checkpoint(0, GENESIS_HASH);

    /**
     * @throws CustosException if the sequence is negative, the hash is not 64 lowercase hex digits, or an
     *                         empty chain (sequence 0) has a hash other than {@link #GENESIS_HASH}
     */
    public Checkpoint {
        Objects.requireNonNull(hash, "hash");
        if (sequence < 0) {
            throw new CustosException(AuditMessages.negativeSequence(Long.toString(sequence)));
        }
        if (!isHash(hash)) {
            throw new CustosException(AuditMessages.malformedHash(hash));
        }
        if (sequence == 0 && !hash.equals(GENESIS_HASH)) {
            throw new CustosException(AuditMessages.emptyChainWithHash(hash));
        }
    }

    /** Whether {@code value} has the form of a record hash: 64 lowercase hex digits. */
    static boolean isHash(String value) {
        return value != null && HASH.matcher(value).matches();
    }
}
