// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.consent;

import dev.custos.core.CustosException;
import dev.custos.core.request.DataSubjectRequest;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One event of the append-only consent ledger.
 *
 * @param subjectId     whose consent
 * @param purpose       for which purpose, for example {@code newsletter}
 * @param type          given, withdrawn or expired
 * @param at            when it took effect
 * @param noticeVersion the privacy-notice version the subject was shown; may be empty for withdrawals
 * @param expiresAt     for {@link ConsentEventType#GIVEN}: when the consent lapses by itself, if ever
 * @param evidence      the evidence the event was recorded with; {@link ConsentEvidence#NONE} if none
 */
public record ConsentEvent(String subjectId, String purpose, ConsentEventType type, Instant at,
                           String noticeVersion, Optional<Instant> expiresAt, ConsentEvidence evidence) {

    public ConsentEvent {
        if (subjectId == null || subjectId.isBlank()) {
            throw new CustosException(ConsentMessages.blankSubject());
        }
        if (subjectId.length() > DataSubjectRequest.MAX_SUBJECT_ID_LENGTH) {
            throw new CustosException(ConsentMessages.subjectIdTooLong(Integer.toString(subjectId.length()),
                    Integer.toString(DataSubjectRequest.MAX_SUBJECT_ID_LENGTH)));
        }
        if (purpose == null || purpose.isBlank()) {
            throw new CustosException(ConsentMessages.blankPurpose());
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(noticeVersion, "noticeVersion");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(evidence, "evidence");
        if (type == ConsentEventType.GIVEN && noticeVersion.isBlank()) {
            throw new CustosException(ConsentMessages.givenWithoutNotice(purpose));
        }
        if (expiresAt.isPresent() && !expiresAt.get().isAfter(at)) {
            throw new CustosException(ConsentMessages.expiryBeforeGiven(purpose, at.toString(),
                    expiresAt.get().toString()));
        }
    }

    /** An event without evidence. */
    public ConsentEvent(String subjectId, String purpose, ConsentEventType type, Instant at, String noticeVersion,
                        Optional<Instant> expiresAt) {
        this(subjectId, purpose, type, at, noticeVersion, expiresAt, ConsentEvidence.NONE);
    }

    public static ConsentEvent given(String subjectId, String purpose, Instant at, String noticeVersion) {
        return given(subjectId, purpose, at, noticeVersion, ConsentEvidence.NONE);
    }

    /** Consent given, with its evidence. */
    public static ConsentEvent given(String subjectId, String purpose, Instant at, String noticeVersion,
                                     ConsentEvidence evidence) {
        return new ConsentEvent(subjectId, purpose, ConsentEventType.GIVEN, at, noticeVersion, Optional.empty(),
                evidence);
    }

    public static ConsentEvent withdrawn(String subjectId, String purpose, Instant at) {
        return new ConsentEvent(subjectId, purpose, ConsentEventType.WITHDRAWN, at, "", Optional.empty());
    }
}
