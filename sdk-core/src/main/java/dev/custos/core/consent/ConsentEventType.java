// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.consent;

/** What a consent-ledger event records. */
public enum ConsentEventType {
    /** The subject gave consent for a purpose, under a version of the privacy notice. */
    GIVEN,
    /** The subject withdrew it (GDPR Art. 7(3)); processing under consent stops from then on. */
    WITHDRAWN,
    /** It lapsed, for example because the controller set a period after which consent is asked again. */
    EXPIRED
}
