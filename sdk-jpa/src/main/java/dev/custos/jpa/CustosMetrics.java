// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa;

import dev.custos.jpa.retention.SweepReport;
import java.time.Instant;

/**
 * Told of what Custos does, for metrics: plain Java, so that sdk-jpa needs no metrics library; sdk-cdi implements
 * it with OpenTelemetry when the server has it. Installed per unit with {@link CustosJpa.Setup#metrics}; by default
 * {@link #NONE}. Called on the thread doing the work, often inside a transaction: an implementation must return at
 * once, never throw and never touch the database. Arguments name units, entities and counts, never a person.
 */
public interface CustosMetrics {

    /** Ignores everything: the default. */
    CustosMetrics NONE = new CustosMetrics() {
    };

    /** A loaded entity of {@code entity} (its JPA name) was checked; {@code refused} when the load was refused. */
    default void readChecked(String unit, String entity, boolean refused) {
    }

    /** {@code records} audit records were appended to the chain {@code chain} ({@code writes} or {@code reads}). */
    default void auditAppended(String unit, String chain, int records) {
    }

    /** A sweep of the unit ended with {@code report} (also one that found the lease held elsewhere). */
    default void swept(String unit, SweepReport report) {
    }

    /** The unit's data-subject requests were counted: {@code open} in all, {@code nearDeadline} of them warned of. */
    default void requestsCounted(String unit, int open, int nearDeadline) {
    }

    /** The unit's audit chains were verified at {@code at}; {@code intact} when none was broken. */
    default void chainsVerified(String unit, Instant at, boolean intact) {
    }
}
