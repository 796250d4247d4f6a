// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.policy;

import java.util.List;
import java.util.Objects;

/**
 * What a data subject can still do when a rule's duty to keep refuses an erasure: another legal way to have
 * the data deleted, such as a decision under a health statute that can be appealed. A refusal based on the
 * rule names the route, and starting the route places the pack's hold {@code holdReason} on the data, so that
 * the retention sweep does not erase it while the route runs. Immutable and thread-safe.
 *
 * @param text       what the subject can do, in one or two sentences fit to be sent to the subject
 * @param citations  the sources of the route, at least one
 * @param holdReason the id of the pack's hold reason placed while the route runs
 */
public record Route(String text, List<Citation> citations, String holdReason) {

    public Route {
        Objects.requireNonNull(text, "text");
        citations = List.copyOf(citations);
        Objects.requireNonNull(holdReason, "holdReason");
    }

    /** The citations joined for one line of a report. */
    public String citationLine() {
        return String.join("; ", citations.stream().map(Citation::toString).toList());
    }
}
