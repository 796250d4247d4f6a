// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.policy;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * A pack's rule that the audit trail must keep identifying an erased data subject for a while: the subject's
 * pseudonym key, which links the audit records to the subject's id, is destroyed {@code keptFor} after the
 * erasure instead of at once. Without such a rule a pack destroys the key when the subject is erased.
 * Immutable and thread-safe.
 *
 * @param keptFor   how long after the erasure the audit keeps identifying the subject; positive
 * @param citations the sources that require it, at least one
 * @param note      anything a reader needs; may be empty
 */
public record AuditIdentity(Period keptFor, List<Citation> citations, String note) {

    public AuditIdentity {
        Objects.requireNonNull(keptFor, "keptFor");
        citations = List.copyOf(citations);
        Objects.requireNonNull(note, "note");
    }

    /**
     * When the key of a subject erased at {@code erasedAt} is to be destroyed: the period added in the pack's
     * zone, so a year is a calendar year across daylight-saving changes and leap days.
     */
    public Instant keptUntil(Instant erasedAt, ZoneId zone) {
        return erasedAt.atZone(zone).plus(keptFor).toInstant();
    }

    /** The citations on one line, unverified ones marked, as rules give theirs. */
    public String citationLine() {
        return String.join("; ", citations.stream().map(Citation::toString).toList());
    }
}
