// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.policy;

import java.util.List;
import java.util.Objects;

/**
 * What a pack says about processing for one purpose, whatever the basis of the data processed: a pack's
 * {@code <purpose>} element. Purposes are named as the annotated model names them
 * ({@code @PersonalData(purpose = ...)}), so a pack and the applications under it share the names as they share
 * rule ids. Immutable.
 *
 * @param id                        the purpose, for example {@code gp-disclosure}
 * @param title                     what the processing is, for reports
 * @param consentRequired           whether processing data for the purpose needs the subject's consent even where
 *                                  the data is kept on another basis (a legal obligation, say): reads and writes
 *                                  under the purpose are then checked against the consent ledger
 * @param writtenConsent            whether a consent to the purpose must be recorded with written evidence
 * @param informationSocietyService whether the purpose is an information society service offered to the subject
 *                                  (GDPR Art. 8): consent to it then needs the subject's age band at or above the
 *                                  pack's {@value #DIGITAL_CONSENT_AGE} setting, or the authorisation of the
 *                                  holder of parental responsibility
 * @param citations                 the sources, at least one
 * @param note                      anything else an auditor should know; may be empty
 */
public record PackPurpose(String id, String title, boolean consentRequired, boolean writtenConsent,
                          boolean informationSocietyService, List<Citation> citations, String note) {

    /** The setting that holds the age from which a child may consent alone (GDPR Art. 8(1)). */
    public static final String DIGITAL_CONSENT_AGE = "digital-consent-age";

    public PackPurpose {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        citations = List.copyOf(citations);
        Objects.requireNonNull(note, "note");
    }

    /** The citations joined for one line of a report or message. */
    public String citationLine() {
        return String.join("; ", citations.stream().map(Citation::toString).toList());
    }
}
