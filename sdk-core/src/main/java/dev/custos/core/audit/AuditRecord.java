// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.audit;

import java.util.Objects;

/**
 * One link of an audit chain: an event, its place in the chain and the hashes that tie it to the record
 * before it. Records are made by {@link AuditChain#append(AuditEvent)}; applications store them and read them
 * back for {@link AuditChainVerifier}. Instances are immutable and thread-safe.
 * <p>
 * The constructor only refuses {@code null}: records read back from storage may have been tampered with, and
 * they must still load so that the verifier can say what is wrong with them.
 *
 * @param sequence     the position in the chain, from 1, without gaps
 * @param event        what happened
 * @param previousHash the {@code hash} of the record before, or 64 zeros for the first record (lowercase hex)
 * @param hash         SHA-256 over {@code previousHash} and the canonical encoding of {@code sequence} and
 *                     {@code event} (format {@code custos-audit-v1}), as 64 lowercase hex digits
 */
public record AuditRecord(long sequence, AuditEvent event, String previousHash, String hash) {

    public AuditRecord {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
    }
}
