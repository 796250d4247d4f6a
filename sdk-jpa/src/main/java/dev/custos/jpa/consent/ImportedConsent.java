// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.consent;

import dev.custos.core.CustosException;
import dev.custos.core.consent.ConsentEvent;
import dev.custos.jpa.internal.store.StoreMessages;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A consent the application held before Custos, with its evidence, to bring into the consent ledger: who, for
 * which purpose, when it was given, under which privacy-notice version, and where the record of it comes from.
 * Immutable.
 *
 * @param subjectId     whose consent
 * @param purpose       the purpose, as the annotated model names it
 * @param givenAt       when it was given, as the evidence shows
 * @param noticeVersion the privacy-notice version the subject was shown
 * @param source        where the evidence is, for example {@code signup-form-2019}; at most {@value #MAX_SOURCE}
 *                      characters, without line breaks; never personal data
 * @param expiresAt     when it lapses by itself, if ever
 */
public record ImportedConsent(String subjectId, String purpose, Instant givenAt, String noticeVersion, String source,
                              Optional<Instant> expiresAt) {

    /** The longest source kept: it is recorded as {@code import:<source>} in {@code recorded_by}. */
    public static final int MAX_SOURCE = 150;

    /** The {@code recorded_by} of imported consent events starts with this. */
    public static final String RECORDED_BY_PREFIX = "import:";

    /**
     * @throws CustosException {@code CUSTOS-04216} without a source, {@code CUSTOS-04217} for a malformed one, and
     *                         sdk-core's consent messages for a blank subject, purpose or notice version
     */
    public ImportedConsent {
        Objects.requireNonNull(givenAt, "givenAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (source == null || source.isBlank()) {
            throw new CustosException(StoreMessages.importWithoutSource(String.valueOf(purpose)));
        }
        source = source.strip();
        if (source.length() > MAX_SOURCE || source.indexOf('\n') >= 0 || source.indexOf('\r') >= 0) {
            throw new CustosException(StoreMessages.importSourceMalformed(source.length() > MAX_SOURCE
                    ? source.substring(0, MAX_SOURCE) + "..." : source.replaceAll("[\\r\\n]", " "),
                    Integer.toString(MAX_SOURCE)));
        }
        event(subjectId, purpose, givenAt, noticeVersion, expiresAt); // sdk-core checks the rest
    }

    /** Without an expiry. */
    public ImportedConsent(String subjectId, String purpose, Instant givenAt, String noticeVersion, String source) {
        this(subjectId, purpose, givenAt, noticeVersion, source, Optional.empty());
    }

    /** The GIVEN event the ledger records. */
    public ConsentEvent event() {
        return event(subjectId, purpose, givenAt, noticeVersion, expiresAt);
    }

    /** What {@code recorded_by} says: imported, and from where. */
    public String recordedBy() {
        return RECORDED_BY_PREFIX + source;
    }

    private static ConsentEvent event(String subjectId, String purpose, Instant givenAt, String noticeVersion,
                                      Optional<Instant> expiresAt) {
        return new ConsentEvent(subjectId, purpose, dev.custos.core.consent.ConsentEventType.GIVEN, givenAt,
                noticeVersion == null ? "" : noticeVersion, expiresAt);
    }
}
