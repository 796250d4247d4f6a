// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.consent;

import dev.custos.core.Message;
import dev.custos.core.SafeCause;

/**
 * Messages of the consent area, ids 02000-02099 (see message-ranges.txt). Decision texts do not name the
 * subject: they end up in exceptions and server logs, which must not identify people.
 */
final class ConsentMessages {

    private ConsentMessages() {
    }

    static Message permitted(String purpose, String givenAt, String noticeVersion) {
        return Message.of(2001, "The subject consented to purpose \"%s\" at %s under notice %s", purpose, givenAt,
                noticeVersion);
    }

    static Message neverGiven(String purpose) {
        return Message.of(2002, "The subject has not consented to purpose \"%s\"; ask for consent before processing"
                + " the data for it", purpose);
    }

    static Message withdrawn(String purpose, String withdrawnAt) {
        return Message.of(2003, "The subject withdrew consent to purpose \"%s\" at %s; the data may no longer be"
                + " processed for it", purpose, withdrawnAt);
    }

    static Message expired(String purpose, String expiredAt) {
        return Message.of(2004, "The subject's consent to purpose \"%s\" expired at %s; ask for it again", purpose,
                expiredAt);
    }

    static Message noticeOutdated(String purpose, String noticeVersion, String accepted) {
        return Message.of(2005, "The subject consented to purpose \"%s\" under notice %s, which is no longer accepted"
                + " (accepted: %s); ask for consent under the current notice", purpose, noticeVersion, accepted);
    }

    static Message ledgerUnavailable(String purpose, SafeCause cause) {
        return Message.of(2006, "The consent ledger could not be read for purpose \"%s\", so access is refused"
                + " (Custos fails closed): %s", purpose, cause);
    }

    static Message blankSubject() {
        return Message.of(2007, "A consent event needs the subject's id; it was blank");
    }

    static Message blankPurpose() {
        return Message.of(2008, "A consent event needs a purpose; consent is always given for a purpose (GDPR Art."
                + " 6(1)(a))");
    }

    static Message subjectIdTooLong(String length, String max) {
        return Message.of(2036, "A consent event names a subject id %s characters long; Custos keeps subject ids of"
                + " up to %s. Use the application's key of the person, or a shorter reference to it", length, max);
    }

    static Message givenWithoutNotice(String purpose) {
        return Message.of(2009, "Consent to purpose \"%s\" names no privacy-notice version; record the version the"
                + " subject was shown, so the consent can be shown to be informed (GDPR Art. 7(1))", purpose);
    }

    static Message expiryBeforeGiven(String purpose, String givenAt, String expiresAt) {
        return Message.of(2010, "Consent to purpose \"%s\" given at %s expires at %s, which is not after it was"
                + " given; give an expiry after the time of consent, or none", purpose, givenAt, expiresAt);
    }

    static Message evidenceMalformed(String what, String problem, String max) {
        return Message.of(2030, "The %s of a consent's evidence is refused: %s; give a reference of at most %s"
                + " characters on one line, naming a document or form, never a person", what, problem, max);
    }

    static Message ageOutOfRange(String age, String max) {
        return Message.of(2031, "A consent's age band of %s years is refused; give the whole years the subject is"
                + " at least, from 0 to %s", age, max);
    }

    static Message writtenConsentMissing(String purpose, String citations) {
        return Message.of(2032, "Consent to purpose \"%s\" is refused: the pack requires it in writing (%s) and"
                + " it was recorded without written evidence; record it with ConsentEvidence.written(reference, date)",
                purpose, citations);
    }

    static Message childBelowConsentAge(String purpose, String ageBand, String consentAge, String citations) {
        return Message.of(2033, "Consent to purpose \"%s\", an information society service, is refused: the"
                + " subject's age band is %s, below the digital consent age of %s (GDPR Art. 8(1); %s), and no"
                + " authorisation by the holder of parental responsibility was recorded; record one with"
                + " ConsentEvidence.withParentalAuthorisation(reference)", purpose, ageBand, consentAge, citations);
    }

    static Message ageUnknown(String purpose, String consentAge, String citations) {
        return Message.of(2034, "Consent to purpose \"%s\", an information society service, is refused: it names"
                + " neither the subject's age band nor an authorisation by the holder of parental responsibility, so"
                + " it cannot be shown that a child under the digital consent age of %s did not consent alone (GDPR"
                + " Art. 8(1); %s); record ConsentEvidence.withAgeAtLeast(years) or"
                + " withParentalAuthorisation(reference)", purpose, consentAge, citations);
    }

    static Message consentAgeUnset(String purpose, String pack) {
        return Message.of(2035, "Consent to purpose \"%s\", an information society service, is refused: pack"
                + " \"%s\" has no valid digital-consent-age setting to judge a child's consent by (GDPR Art. 8(1));"
                + " add the setting to the pack", purpose, pack);
    }
}
