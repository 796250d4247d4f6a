// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.consent;

import dev.custos.core.CustosException;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * The evidence a consent is recorded with (GDPR Art. 7(1): the controller must be able to show that the subject
 * consented): in what form it was given, where the document or form is kept, its date, and for a child's consent
 * to an information society service (GDPR Art. 8) the subject's age band or the authorisation of the holder of
 * parental responsibility. {@link #NONE} records none of it, as consents were recorded before evidence existed.
 * Build it with the factories and the {@code with...} methods:
 * <pre>{@code
 * ConsentEvidence.written("scan 2026-114", LocalDate.of(2026, 11, 2))
 * ConsentEvidence.of(Form.ELECTRONIC, "signup-form-v3", today).withAgeAtLeast(16)
 * ConsentEvidence.of(Form.ELECTRONIC, "signup-form-v3", today).withAgeAtLeast(12).withParentalAuthorisation(ref)
 * }</pre>
 * Nothing here may be personal data in clear: the reference names a document or form, never a person, and the
 * parental authorisation is a reference the ledger keeps only as a keyed pseudonym. Immutable and thread-safe.
 *
 * @param form                  how the consent was given; empty when not recorded
 * @param reference             where the evidence is, for example {@code "scan 2026-114"}; empty when not recorded;
 *                              at most {@value #MAX_REFERENCE} characters, without line breaks
 * @param date                  the date the evidence bears (signed on, submitted on); empty when not recorded
 * @param ageAtLeast            the subject's age band when consenting: at least this many whole years (as stated or
 *                              checked); empty when not recorded
 * @param parentalAuthorisation a reference to the authorisation by the holder of parental responsibility (a case
 *                              or form number, or the holder's id in the application), empty when there is none;
 *                              the consent ledger stores only a keyed pseudonym of it, so an event read back from
 *                              the ledger carries that pseudonym here
 */
public record ConsentEvidence(Optional<Form> form, String reference, Optional<LocalDate> date,
                              Optional<Integer> ageAtLeast, String parentalAuthorisation) {

    /** How a consent was given. */
    public enum Form {
        /** On paper or as a signed document: what a purpose with {@code written-consent="true"} requires. */
        WRITTEN,
        /** Through an electronic form or checkbox the application keeps a record of. */
        ELECTRONIC,
        /** Orally, noted by the recorder. */
        ORAL
    }

    /** The longest reference kept. */
    public static final int MAX_REFERENCE = 200;

    /** The oldest age band that can be recorded. */
    public static final int MAX_AGE = 130;

    /** No evidence: what consents recorded without it carry. */
    public static final ConsentEvidence NONE =
            new ConsentEvidence(Optional.empty(), "", Optional.empty(), Optional.empty(), "");

    /**
     * @throws CustosException {@code CUSTOS-02030} for a malformed reference or parental authorisation,
     *                         {@code CUSTOS-02031} for an age band outside 0 to {@value #MAX_AGE}
     */
    public ConsentEvidence {
        Objects.requireNonNull(form, "form");
        reference = checked(reference, "reference");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(ageAtLeast, "ageAtLeast");
        if (ageAtLeast.isPresent() && (ageAtLeast.get() < 0 || ageAtLeast.get() > MAX_AGE)) {
            throw new CustosException(ConsentMessages.ageOutOfRange(ageAtLeast.get().toString(),
                    Integer.toString(MAX_AGE)));
        }
        parentalAuthorisation = checked(parentalAuthorisation, "parental authorisation");
    }

    /** Evidence of a consent given in {@code form}, kept at {@code reference}, dated {@code date}. */
    public static ConsentEvidence of(Form form, String reference, LocalDate date) {
        return new ConsentEvidence(Optional.of(form), reference, Optional.of(date), Optional.empty(), "");
    }

    /** Evidence of a written consent, kept at {@code reference} and signed on {@code signedOn}. */
    public static ConsentEvidence written(String reference, LocalDate signedOn) {
        return of(Form.WRITTEN, reference, signedOn);
    }

    /** This evidence with the subject's age band: at least {@code years} old when consenting. */
    public ConsentEvidence withAgeAtLeast(int years) {
        return new ConsentEvidence(form, reference, date, Optional.of(years), parentalAuthorisation);
    }

    /**
     * This evidence with the authorisation of the holder of parental responsibility, named by {@code reference}
     * (never the holder's name: the ledger keeps a keyed pseudonym of it, not the value).
     */
    public ConsentEvidence withParentalAuthorisation(String reference) {
        if (reference == null || reference.isBlank()) {
            throw new CustosException(ConsentMessages.evidenceMalformed("parental authorisation", "it is blank",
                    Integer.toString(MAX_REFERENCE)));
        }
        return new ConsentEvidence(form, this.reference, date, ageAtLeast, reference);
    }

    /** Whether any evidence is recorded. */
    public boolean isEmpty() {
        return equals(NONE);
    }

    /** Whether a holder of parental responsibility authorised the consent. */
    public boolean parentallyAuthorised() {
        return !parentalAuthorisation.isEmpty();
    }

    /** The age band as the ledger's {@code age_band} column holds it, for example {@code "16+"}. */
    public Optional<String> ageBand() {
        return ageAtLeast.map(years -> years + "+");
    }

    private static String checked(String value, String what) {
        String text = value == null ? "" : value.strip();
        if (text.length() > MAX_REFERENCE || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new CustosException(ConsentMessages.evidenceMalformed(what, text.length() > MAX_REFERENCE
                    ? "it has " + text.length() + " characters" : "it has a line break",
                    Integer.toString(MAX_REFERENCE)));
        }
        return text;
    }
}
