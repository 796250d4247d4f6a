// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.audit;

import dev.custos.core.CustosException;
import java.util.Objects;

/**
 * Turns events into a hash chain: each appended record gets the next sequence number and a hash over its
 * content and the previous record's hash, so that changing, removing, inserting or reordering records later
 * shows up in {@link AuditChainVerifier}.
 * <p>
 * The chain only computes records; storing them is the caller's job, in sequence order. If storing a record
 * fails, the chain has already moved past it: discard this instance and {@link #resume(long, String)} from
 * the last stored record, or the stored trail will have a gap.
 * <p>
 * Thread-safe: {@link #append(AuditEvent)} and {@link #head()} are synchronized, so concurrent appends get
 * distinct, consecutive sequence numbers. Use one instance per chain within a process; two instances (or two
 * processes) appending to the same stored chain fork it.
 */
public final class AuditChain {

    private long sequence;
    private String hash;

    private AuditChain(Checkpoint head) {
        this.sequence = head.sequence();
        this.hash = head.hash();
    }

    /** A new, empty chain; its first record gets sequence 1. */
    public static AuditChain genesis() {
        return new AuditChain(Checkpoint.GENESIS);
    }

    /**
     * Continues a stored chain after its last record.
     *
     * @param lastSequence the last stored record's sequence, 0 for an empty chain
     * @param lastHash     the last stored record's hash (64 lowercase hex digits)
     * @throws CustosException if the sequence is negative or the hash malformed (see {@link Checkpoint})
     */
    public static AuditChain resume(long lastSequence, String lastHash) {
        return resume(new Checkpoint(lastSequence, lastHash));
    }

    /** Continues a stored chain after {@code head}. */
    public static AuditChain resume(Checkpoint head) {
        return new AuditChain(Objects.requireNonNull(head, "head"));
    }

    /** Gives {@code event} the next place in the chain. */
    public synchronized AuditRecord append(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        long next = Math.addExact(sequence, 1);
        String nextHash = CanonicalEncoding.hash(hash, next, event);
        AuditRecord record = new AuditRecord(next, event, hash, nextHash);
        sequence = next;
        hash = nextHash;
        return record;
    }

    /** The last appended record's sequence and hash; store it apart from the records to detect truncation. */
    public synchronized Checkpoint head() {
        return new Checkpoint(sequence, hash);
    }
}
