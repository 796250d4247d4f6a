// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.policy;

/** Who may read and change data kept under a pack rule, beyond consent and the application's own policies. */
public enum RuleAccess {
    /** Whoever the application lets in. */
    ANY,
    /** Only the caller the record is assigned to ({@link dev.custos.core.annotation.AssignedCaller}). */
    ASSIGNED_CALLER
}
