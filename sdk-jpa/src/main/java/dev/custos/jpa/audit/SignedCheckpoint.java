// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.audit;

import dev.custos.core.audit.Checkpoint;
import java.time.Instant;
import java.util.Objects;

/**
 * A chain's head as {@link AuditCheckpoints} signed and stored it in {@code custos_checkpoint}. Immutable and
 * thread-safe.
 *
 * @param chain    {@value #AUDIT} for an audit chain, {@value #LEDGER} for the consent ledger, {@value #CUT} for
 *                 the record of an audit chain up to which its records were exported and may be dropped
 * @param chainId  the audit chain's id; 0 for the ledger
 * @param head     the sequence and hash signed
 * @param signedAt when, to the microsecond; part of what is signed
 */
public record SignedCheckpoint(String chain, int chainId, Checkpoint head, Instant signedAt) {

    /** The chain name of an audit chain ({@code custos_audit_record}). */
    public static final String AUDIT = "audit";
    /** The chain name of the consent ledger ({@code custos_consent_event}). */
    public static final String LEDGER = "ledger";
    /**
     * The chain name of a cut: the last record of an audit chain in a partition exported before the audit trail's
     * retention drops it ({@code AuditRetention}); verification of the chain starts after it once it is dropped.
     */
    public static final String CUT = "audit-cut";

    public SignedCheckpoint {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(signedAt, "signedAt");
    }
}
