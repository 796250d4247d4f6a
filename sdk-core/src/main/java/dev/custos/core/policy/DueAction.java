// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.policy;

/** What the retention sweep does with data whose retention has ended. */
public enum DueAction {
    /** Erase it with the field's erasure strategy. */
    ERASE,
    /**
     * List it for a person to decide, and keep it meanwhile: for rules where the law asks for an
     * assessment before deletion (a health record kept "as long as needed").
     */
    REVIEW
}
