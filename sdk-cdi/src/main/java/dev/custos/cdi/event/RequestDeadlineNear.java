// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.event;

import dev.custos.core.request.RequestType;
import java.time.Instant;

/**
 * Fired by the scheduled check for each open data-subject request whose deadline is nearer than
 * {@code custos.requests.warn-before} (7 days by default), or already past ({@code overdue}).
 *
 * @param undecided the request's erasure lines still waiting for a person's decision: the request cannot complete
 *                  before they are decided
 */
public record RequestDeadlineNear(String unit, String requestId, RequestType type, Instant deadline, boolean overdue,
                                  long undecided) {
}
