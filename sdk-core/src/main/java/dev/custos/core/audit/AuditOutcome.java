// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.audit;

/**
 * How an audited operation ended. Like {@link AuditAction}, constants are hashed by name and must never be
 * renamed or removed.
 */
public enum AuditOutcome {
    /** A policy allowed the operation. */
    PERMITTED,
    /** A policy refused the operation. */
    DENIED,
    /** The operation was carried out. */
    DONE,
    /** The operation was attempted and failed. */
    FAILED
}
