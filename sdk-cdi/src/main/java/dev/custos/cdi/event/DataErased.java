// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.event;

import java.time.Instant;

/**
 * Fired after personal data was erased or anonymised: by a retention sweep (one event per sweep that erased
 * anything), by an erasure request (with the request's id), or by a person's decision on a line a sweep left
 * for review (with the line's id).
 *
 * @param origin  {@code "sweep"}, {@code "request"} or {@code "decision"}
 * @param reference the sweep's run id, the request's id or the decision's id
 * @param erased  records erased or anonymised by a sweep, or values erased by a request
 */
public record DataErased(String unit, String origin, String reference, long erased, Instant at) {
}
