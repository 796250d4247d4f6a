// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.audit;

import dev.custos.core.audit.Checkpoint;
import java.time.Instant;
import java.util.Objects;

/**
 * A chain's head as {@link AuditCheckpoints} signed and stored it in {@code custos_checkpoint}. Immutable and
 * thread-safe.
 *
 * @param chain    {@value #AUDIT} for an audit chain, {@value #LEDGER} for the consent ledger
 * @param chainId  the audit chain's id; 0 for the ledger
 * @param head     the sequence and hash signed
 * @param signedAt when, to the microsecond; part of what is signed
 */
public record SignedCheckpoint(String chain, int chainId, Checkpoint head, Instant signedAt) {

    /** The chain name of an audit chain ({@code custos_audit_record}). */
    public static final String AUDIT = "audit";
    /** The chain name of the consent ledger ({@code custos_consent_event}). */
    public static final String LEDGER = "ledger";

    public SignedCheckpoint {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(signedAt, "signedAt");
    }
}
