// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.policy;

import java.util.Objects;

/**
 * A legal source a rule rests on: a statute's section, a GDPR article, or the model clinic's own policy.
 *
 * @param source    the source's title, for example {@code "Bogføringsloven (lov nr. 700 af 24. maj 2022)"}
 * @param reference the place in it, for example {@code "§ 12, stk. 1"}
 * @param verified  whether the reference was checked against the source; unchecked references are shown
 *                  as such in every report, never passed off as settled law
 * @param note      why it is unverified, or anything else a reader needs; may be empty
 */
public record Citation(String source, String reference, boolean verified, String note) {

    public Citation {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(note, "note");
    }

    /** One line for reports, for example {@code "Bogføringsloven § 12, stk. 1 (unverified)"}. */
    @Override
    public String toString() {
        return source + (reference.isEmpty() ? "" : " " + reference) + (verified ? "" : " (unverified)");
    }
}
