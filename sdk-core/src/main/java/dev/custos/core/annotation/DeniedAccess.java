// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.annotation;

/** What happens when a read of a personal-data field is not permitted. */
public enum DeniedAccess {
    /** The read fails with an exception; the refusal is audited. The safe default. */
    REFUSE,
    /** The entity is returned with the field masked (and never written back); the masking is audited. */
    MASK
}
