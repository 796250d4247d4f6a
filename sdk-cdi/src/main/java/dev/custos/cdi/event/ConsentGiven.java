// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.event;

import java.time.Instant;

/**
 * Fired after {@code ConsentService} recorded a consent. The subject id is the application's own; events stay
 * in the application, so do not forward them to logs or other systems.
 */
public record ConsentGiven(String unit, String subjectId, String purpose, Instant at) {
}
