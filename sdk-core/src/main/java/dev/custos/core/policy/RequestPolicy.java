// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.policy;

import java.time.Period;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a pack answers data-subject requests. The legal deadline is always one calendar month, extendable by
 * two (GDPR Art. 12(3)); a pack may promise a shorter period, and the earlier of the two applies.
 *
 * @param promisedWithin a shorter period the controller promises, such as {@code P30D}
 * @param citations      the sources
 */
public record RequestPolicy(Optional<Period> promisedWithin, List<Citation> citations) {

    public RequestPolicy {
        Objects.requireNonNull(promisedWithin, "promisedWithin");
        citations = List.copyOf(citations);
    }
}
