// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.consent;

import dev.custos.core.Message;

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

    static Message ledgerUnavailable(String purpose, String cause) {
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

    static Message givenWithoutNotice(String purpose) {
        return Message.of(2009, "Consent to purpose \"%s\" names no privacy-notice version; record the version the"
                + " subject was shown, so the consent can be shown to be informed (GDPR Art. 7(1))", purpose);
    }

    static Message expiryBeforeGiven(String purpose, String givenAt, String expiresAt) {
        return Message.of(2010, "Consent to purpose \"%s\" given at %s expires at %s, which is not after it was"
                + " given; give an expiry after the time of consent, or none", purpose, givenAt, expiresAt);
    }
}
