// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.gdpr;

/** Whether a data-subject right applies to a processing. */
public enum Applicability {
    /** The right applies; a request is to be carried out. */
    APPLIES,
    /** The right applies only if a condition holds that a person must assess (the reason says which). */
    CASE_BY_CASE,
    /** The right does not apply; the reason names the rule. */
    DOES_NOT_APPLY
}
