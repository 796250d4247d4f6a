// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.policy;

import java.util.List;
import java.util.Objects;

/**
 * A reason a pack recognises for a legal hold: a circumstance in which data must be kept past its
 * retention, such as a pending complaint or supervision case.
 *
 * @param id        the reason's id, used when a hold is placed
 * @param title     what the circumstance is
 * @param citations the sources, at least one
 */
public record HoldReason(String id, String title, List<Citation> citations) {

    public HoldReason {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        citations = List.copyOf(citations);
    }
}
