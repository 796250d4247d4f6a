// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.request;

import dev.custos.core.gdpr.DataSubjectRight;

/**
 * What a data subject asks for. Each type exercises exactly one {@link DataSubjectRight}, which says
 * which provision the answer rests on. Thread-safe, as every enum.
 */
public enum RequestType {

    /** A copy of, and information about, the data held on the subject. */
    ACCESS(DataSubjectRight.ACCESS),
    /** The data the subject provided, in a structured, machine-readable format. */
    PORTABILITY(DataSubjectRight.PORTABILITY),
    /** Correction of inaccurate, or completion of incomplete, data. */
    RECTIFICATION(DataSubjectRight.RECTIFICATION),
    /** Restriction of processing to storage. */
    RESTRICTION(DataSubjectRight.RESTRICTION),
    /** Erasure of the data. */
    ERASURE(DataSubjectRight.ERASURE),
    /** An objection to processing, including direct marketing. */
    OBJECTION(DataSubjectRight.OBJECTION),
    /** Withdrawal of a consent given earlier. */
    CONSENT_WITHDRAWAL(DataSubjectRight.WITHDRAW_CONSENT);

    private final DataSubjectRight right;

    RequestType(DataSubjectRight right) {
        this.right = right;
    }

    /** The right this request exercises; its {@link DataSubjectRight#citation()} names the article. */
    public DataSubjectRight right() {
        return right;
    }
}
