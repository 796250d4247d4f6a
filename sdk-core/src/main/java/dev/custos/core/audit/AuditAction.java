// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.audit;

/**
 * What an audited operation did. The canonical encoding stores the constant's name, not its ordinal, so
 * constants may be reordered but never renamed or removed: hashes of existing records depend on the names.
 */
public enum AuditAction {
    /** Personal data was read. */
    READ,
    /** A read of personal data was refused. */
    READ_DENIED,
    /** Personal data was read with some fields masked. */
    READ_MASKED,
    /** A change of personal data was refused by an access policy; the change did not happen. */
    WRITE_DENIED,
    /** Personal data was created. */
    CREATE,
    /** Personal data was changed. */
    UPDATE,
    /** Personal data was deleted in the ordinary course of business. */
    DELETE,
    /** Personal data was erased for a data subject (Art. 17) or because its retention ran out. */
    ERASE,
    /** Personal data was made anonymous, beyond re-identification. */
    ANONYMIZE,
    /** Personal data was replaced by pseudonyms. */
    PSEUDONYMIZE,
    /** Personal data left the system, for example for a portability or access request. */
    EXPORT,
    /** A data subject gave consent. */
    CONSENT_GIVEN,
    /** A data subject withdrew consent. */
    CONSENT_WITHDRAWN,
    /** A data-subject request arrived. */
    REQUEST_RECEIVED,
    /** A data-subject request was carried out. */
    REQUEST_COMPLETED,
    /** A data-subject request was refused, with a reason in the event's detail. */
    REQUEST_REFUSED,
    /** A legal hold was placed, suspending erasure. */
    HOLD_PLACED,
    /** A legal hold was released. */
    HOLD_RELEASED,
    /**
     * A person decided an erasure line left for review: erase (the erasure follows as {@link #ERASE}), or keep,
     * with the reason in the event's detail.
     */
    ERASURE_DECIDED
}
