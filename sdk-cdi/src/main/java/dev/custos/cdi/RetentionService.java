// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi;

import dev.custos.cdi.event.DataErased;
import dev.custos.cdi.internal.ChangesNothing;
import dev.custos.cdi.internal.CustosExtension;
import dev.custos.cdi.internal.ServiceGuard;
import dev.custos.cdi.internal.batch.SweepJob;
import dev.custos.core.CustosException;
import dev.custos.core.retention.LegalHold;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.retention.AdoptionReport;
import dev.custos.jpa.retention.LegalHolds;
import dev.custos.jpa.retention.PreviewEntry;
import dev.custos.jpa.retention.RetentionSweeper;
import dev.custos.jpa.retention.SweepOptions;
import dev.custos.jpa.retention.SweepReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.List;
import java.util.Optional;

/**
 * Retention for the application's persistence unit: what the sweep would erase, a sweep now, and legal holds,
 * which keep a subject's data (or one record) whatever its retention says until they are released. Each delegates
 * to sdk-jpa ({@link RetentionSweeper}, {@link LegalHolds}), which checks the caller and the pack's rules.
 */
@ApplicationScoped
@ServiceGuard
public class RetentionService {

    @Inject
    CustosUnits units;

    @Inject
    Event<DataErased> erased;

    @Inject
    CustosExtension extension;

    /** Up to {@code limit} records the sweep would erase now, with when and under which rule. */
    @ChangesNothing
    public List<PreviewEntry> preview(@Positive @Max(100_000) int limit) {
        return new RetentionSweeper(units.runtime()).preview(limit);
    }

    /**
     * What the first sweep of a database Custos was added to would find, per entity and rule: rows due, kept, held,
     * left for review, and undetermined (no clock value, no consent record), each with what to do. Changes
     * nothing. See sdk-jpa's {@link RetentionSweeper#adoptionReport()}.
     */
    @ChangesNothing
    public AdoptionReport adoptionReport() {
        return new RetentionSweeper(units.runtime()).adoptionReport();
    }

    /** Whether a sweep ever ran on this unit's database (the scheduled sweep only reports until then, unconfirmed). */
    @ChangesNothing
    public boolean everSwept() {
        return new RetentionSweeper(units.runtime()).everSwept();
    }

    /** Sweeps now with {@code options}; fires {@link DataErased} when anything was erased. */
    public SweepReport sweepNow(@NotNull SweepOptions options) {
        CustosRuntime runtime = units.runtime();
        SweepReport report = new RetentionSweeper(runtime).sweep(options);
        if (report.erased() > 0 && !report.dryRun()) {
            erased.fire(new DataErased(runtime.unitName(), "sweep", report.runId(), report.erased(),
                    runtime.clock().instant()));
        }
        return report;
    }

    /**
     * Starts the retention sweep as the Jakarta Batch job {@code custos-retention-sweep}, for the unit the services
     * work on, with the server's sweep batch size ({@code custos.sweep.batch-size}), and returns at once. The
     * server's batch tools (and {@code jakarta.batch.runtime.BatchRuntime.getJobOperator()}) show its progress, logs
     * and outcome, and restart it where it stopped. The job fires {@link DataErased} when it ends having erased
     * anything. It sweeps under the same lease as {@link #sweepNow}: while another sweep or job holds it, the job
     * erases nothing and ends with exit status {@code LEASE_HELD_ELSEWHERE}.
     *
     * @return the job execution's id
     * @throws CustosException {@code CUSTOS-05101} when the server provides no Jakarta Batch
     */
    public long startSweepJob() {
        return SweepJob.start(units.runtime().unitName(),
                extension.settings().integer(dev.custos.jpa.CustosSetting.SWEEP_BATCH_SIZE));
    }

    /**
     * Places a legal hold on all of the subject's data, or on one record when {@code entityName} and
     * {@code entityId} are given, for a reason of the active pack (such as {@code legal-claims}), and audits it
     * (HOLD_PLACED) in the same transaction; see sdk-jpa's {@link LegalHolds#place}.
     *
     * @return the hold, with its new id
     * @throws CustosException {@code CUSTOS-04550} for a reason the pack does not know
     */
    public LegalHold placeHold(@NotBlank String subjectId, Optional<String> entityName, Optional<String> entityId,
                               @NotBlank String reasonId, @NotNull String note) {
        return new LegalHolds(units.runtime()).place(subjectId, entityName, entityId, reasonId, note);
    }

    /** Releases hold {@code holdId} and audits it (HOLD_RELEASED); false if there is no such hold in force. */
    public boolean releaseHold(@NotBlank String holdId) {
        return new LegalHolds(units.runtime()).release(holdId);
    }
}
