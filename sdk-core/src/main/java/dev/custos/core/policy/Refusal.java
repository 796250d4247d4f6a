// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.policy;

import java.util.List;
import java.util.Optional;

/**
 * How a rule's duty to keep refuses a request, as the pack states it in the rule's {@code <refusal>} element:
 * the key citations a refusal carries (the duty and the GDPR exemption, not every source of the rule), and the
 * {@link Route} that is left to the subject, if the law has one. Immutable and thread-safe.
 *
 * @param citations the citations a refusal names, at least one
 * @param route     what the subject can still do; empty when the refusal is final under the pack
 */
public record Refusal(List<Citation> citations, Optional<Route> route) {

    public Refusal {
        citations = List.copyOf(citations);
        java.util.Objects.requireNonNull(route, "route");
    }
}
