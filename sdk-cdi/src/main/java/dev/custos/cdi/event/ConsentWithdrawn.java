// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.event;

import java.time.Instant;

/** Fired after a consent was withdrawn, through {@code ConsentService} or a withdrawal request. */
public record ConsentWithdrawn(String unit, String subjectId, String purpose, Instant at) {
}
