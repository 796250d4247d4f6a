// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.audit;

import dev.custos.core.CustosException;
import dev.custos.core.Message;
import java.util.Iterator;
import java.util.Objects;

/**
 * Checks that stored audit records still form the chain {@link AuditChain} wrote. Records are read once, in
 * sequence order, and never collected, so memory stays constant however long the chain: pass an iterator that
 * streams from storage.
 * <p>
 * Each record is checked in this order: its hash matches its content (else the content was changed), its
 * sequence is one more than the previous record's (else records are missing, repeated or out of order), and
 * its previous hash is the previous record's hash (else a record was replaced, or records were removed or
 * inserted and renumbered). The first record must have sequence 1 and 64 zeros as previous hash.
 * <p>
 * A chain alone cannot show that its tail was cut off or rewritten wholesale; pass the {@link Checkpoint} of
 * the head stored elsewhere to catch that. A chain that grew past the checkpoint is fine: the record at the
 * checkpoint's sequence must have its hash. Long chains can be verified in segments with
 * {@link #verifyFrom(Checkpoint, Iterator)}, starting from a checkpoint verified earlier.
 * <p>
 * Stateless and thread-safe. Verification stops at the first problem; see {@link ChainVerification}.
 */
public final class AuditChainVerifier {

    private AuditChainVerifier() {
    }

    /** Verifies a whole chain, from its first record. */
    public static ChainVerification verify(Iterator<AuditRecord> records) {
        return run(Checkpoint.GENESIS, records, null);
    }

    /**
     * Verifies a whole chain, from its first record, and that it reaches {@code expectedHead} with the same
     * hash there.
     */
    public static ChainVerification verify(Iterator<AuditRecord> records, Checkpoint expectedHead) {
        return run(Checkpoint.GENESIS, records, Objects.requireNonNull(expectedHead, "expectedHead"));
    }

    /**
     * Verifies the records after {@code trusted}, a checkpoint verified earlier: the first record must have
     * the next sequence and link to the checkpoint's hash.
     */
    public static ChainVerification verifyFrom(Checkpoint trusted, Iterator<AuditRecord> records) {
        return run(Objects.requireNonNull(trusted, "trusted"), records, null);
    }

    /**
     * Verifies the records after {@code trusted} and that they reach {@code expectedHead} with the same hash.
     *
     * @throws CustosException if {@code expectedHead} lies before {@code trusted}
     */
    public static ChainVerification verifyFrom(Checkpoint trusted, Iterator<AuditRecord> records,
                                               Checkpoint expectedHead) {
        return run(Objects.requireNonNull(trusted, "trusted"), records,
                Objects.requireNonNull(expectedHead, "expectedHead"));
    }

    private static ChainVerification run(Checkpoint trusted, Iterator<AuditRecord> records, Checkpoint expected) {
        Objects.requireNonNull(records, "records");
        if (expected != null && expected.sequence() < trusted.sequence()) {
            throw new CustosException(AuditMessages.checkpointBeforeStart(text(expected.sequence()),
                    text(trusted.sequence())));
        }
        if (expected != null && expected.sequence() == trusted.sequence() && !expected.hash().equals(trusted.hash())) {
            return checkpointMismatch(0, trusted, expected);
        }
        long lastSequence = trusted.sequence();
        String lastHash = trusted.hash();
        long checked = 0;
        while (records.hasNext()) {
            AuditRecord record = Objects.requireNonNull(records.next(), "the iterator returned a null record");
            checked++;
            Message problem = check(record, lastSequence, lastHash);
            if (problem != null) {
                return ChainVerification.broken(checked, lastSequence + 1, problem,
                        new Checkpoint(lastSequence, lastHash));
            }
            lastSequence = record.sequence();
            lastHash = record.hash();
            if (expected != null && lastSequence == expected.sequence() && !lastHash.equals(expected.hash())) {
                return checkpointMismatch(checked, trusted, expected);
            }
        }
        if (expected != null && lastSequence < expected.sequence()) {
            return ChainVerification.broken(checked, lastSequence + 1,
                    AuditMessages.tailTruncated(text(lastSequence), text(expected.sequence())),
                    new Checkpoint(lastSequence, lastHash));
        }
        return ChainVerification.intact(checked, new Checkpoint(lastSequence, lastHash));
    }

    /** The first thing wrong with {@code record} as successor of the previous one, or null. */
    private static Message check(AuditRecord record, long previousSequence, String previousHash) {
        long expected = previousSequence + 1;
        // Content first: until the hash matches, the sequence and previous hash are not worth reasoning about.
        String recomputed = CanonicalEncoding.hash(record.previousHash(), record.sequence(), record.event());
        if (!recomputed.equals(record.hash())) {
            return AuditMessages.contentChanged(text(expected));
        }
        if (record.sequence() != expected) {
            if (previousSequence == 0) {
                return AuditMessages.notStartingAtOne(text(record.sequence()));
            }
            return record.sequence() > expected
                    ? AuditMessages.sequenceGap(text(expected), text(previousSequence), text(record.sequence()))
                    : AuditMessages.sequenceNotIncreasing(text(previousSequence), text(record.sequence()));
        }
        if (!record.previousHash().equals(previousHash)) {
            return previousSequence == 0
                    ? AuditMessages.genesisHashWrong()
                    : AuditMessages.linkBroken(text(expected), text(previousSequence));
        }
        return null;
    }

    // The records since the trusted start are consistent among themselves but not with the checkpoint, so any
    // of them may have been rewritten: none of them can be trusted.
    private static ChainVerification checkpointMismatch(long checked, Checkpoint trusted, Checkpoint expected) {
        return ChainVerification.broken(checked, trusted.sequence() + 1,
                AuditMessages.checkpointMismatch(text(expected.sequence()), text(trusted.sequence())), trusted);
    }

    private static String text(long sequence) {
        return Long.toString(sequence);
    }
}
