// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi;

import dev.custos.cdi.event.ConsentWithdrawn;
import dev.custos.cdi.event.DataErased;
import dev.custos.jpa.CustosSetting;
import dev.custos.cdi.internal.ChangesNothing;
import dev.custos.cdi.internal.ServiceGuard;
import dev.custos.core.request.DataSubjectRequest;
import dev.custos.core.retention.LegalHold;
import dev.custos.core.request.RequestType;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.request.Correction;
import dev.custos.jpa.request.Decisions;
import dev.custos.jpa.request.Decision;
import dev.custos.jpa.request.ErasureReport;
import dev.custos.jpa.request.ObjectionReport;
import dev.custos.jpa.request.RequestExecutor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Data-subject requests for the application's persistence unit (GDPR Art. 15-21): received, identity verified,
 * then executed within the deadline sdk-core computes. Each method is a thin layer over sdk-jpa's
 * {@link RequestExecutor}, which documents the behaviour; this one adds validation of the inputs, the caller
 * as actor, and events: {@link ConsentWithdrawn} per purpose withdrawn, {@link DataErased} after an erasure.
 */
@ApplicationScoped
@ServiceGuard
public class RequestService {

    /** The default role that deciding erasure lines left for review requires. */
    public static final String DECIDER = CustosSetting.DECIDER_ROLE.defaultValue().orElseThrow();

    @Inject
    CustosUnits units;

    @Inject
    Event<ConsentWithdrawn> withdrawn;

    @Inject
    Event<DataErased> erased;

    /** Registers a request received now; its deadline runs from now. */
    public DataSubjectRequest receive(@NotNull RequestType type, @NotBlank @Size(max = 200) String subjectId) {
        CustosRuntime runtime = units.runtime();
        return executor(runtime).receive(type, subjectId, runtime.clock().instant());
    }

    /** Records that the requester's identity was verified by the current caller. */
    public DataSubjectRequest verifyIdentity(@NotBlank String requestId) {
        CustosRuntime runtime = units.runtime();
        return executor(runtime).verifyIdentity(requestId, runtime.currentCaller().name());
    }

    /** Extends the deadline (Art. 12(3)), giving the reason the subject is told. */
    public DataSubjectRequest extend(@NotBlank String requestId, @NotBlank String reason) {
        CustosRuntime runtime = units.runtime();
        return executor(runtime).extend(requestId, runtime.currentCaller().name(), reason);
    }

    /** Refuses the request with a reason and the citation that allows refusing it. */
    public DataSubjectRequest refuse(@NotBlank String requestId, @NotBlank String reason, @NotBlank String citation) {
        CustosRuntime runtime = units.runtime();
        return executor(runtime).refuse(requestId, runtime.currentCaller().name(), reason, citation);
    }

    @ChangesNothing
    public Optional<DataSubjectRequest> find(@NotBlank String requestId) {
        return executor(units.runtime()).find(requestId);
    }

    /** Requests not yet completed or refused, soonest deadline first. */
    @ChangesNothing
    public List<DataSubjectRequest> openRequests() {
        return executor(units.runtime()).openRequests();
    }

    /** Art. 15: all personal data of the subject, consent history and who accessed it, as JSON. */
    @ChangesNothing
    public String exportAccess(@NotBlank String requestId) {
        return executor(units.runtime()).exportAccess(requestId);
    }

    /** Art. 20: the data the subject provided under consent or contract, as JSON. */
    @ChangesNothing
    public String exportPortable(@NotBlank String requestId) {
        return executor(units.runtime()).exportPortable(requestId);
    }

    /** Art. 16: applies the corrections, audited. */
    public DataSubjectRequest rectify(@NotBlank String requestId, @NotEmpty List<@Valid @NotNull Correction> corrections) {
        return executor(units.runtime()).rectify(requestId, corrections);
    }

    /** Art. 18: the subject's data is only stored from now on; reads are refused. */
    public DataSubjectRequest restrict(@NotBlank String requestId) {
        return executor(units.runtime()).restrict(requestId);
    }

    /** Art. 21: stops processing based on legitimate interests, with the report of what stopped. */
    public ObjectionReport object(@NotBlank String requestId) {
        return executor(units.runtime()).object(requestId);
    }

    /**
     * Art. 7(3): withdraws consent for {@code purposes} (all given ones when empty) and erases at once what only
     * that consent kept, saying field by field what was erased and what is kept and why.
     */
    public ErasureReport withdrawConsent(@NotBlank String requestId, @NotNull Set<@NotBlank String> purposes) {
        CustosRuntime runtime = units.runtime();
        ErasureReport report = executor(runtime).withdrawConsent(requestId, purposes);
        // one event per purpose the executor withdrew, as its transaction decided: never a list of our own
        Instant at = runtime.clock().instant();
        for (String purpose : report.withdrawnPurposes()) {
            withdrawn.fire(new ConsentWithdrawn(runtime.unitName(), report.request().subjectId(), purpose, at));
        }
        fireErased(runtime, requestId, report);
        return report;
    }

    /** Art. 17: erases what may be erased and says, field by field, what is kept and why. */
    public ErasureReport erase(@NotBlank String requestId) {
        CustosRuntime runtime = units.runtime();
        ErasureReport report = executor(runtime).erase(requestId);
        fireErased(runtime, requestId, report);
        return report;
    }

    /**
     * The erasure lines waiting for a person's decision, of requests and of sweeps, oldest first. Requires the
     * decider role ({@code custos-privacy-officer}, setting {@code custos.roles.decider}).
     */
    @ChangesNothing
    public List<Decision> undecided() {
        return new Decisions(units.runtime()).undecided();
    }

    /** The erasure lines of one request, decided or not. Requires the decider role. */
    @ChangesNothing
    public List<Decision> decisions(@NotBlank String requestId) {
        return new Decisions(units.runtime()).forRequest(requestId);
    }

    /**
     * Starts the route a refusal named for one kept value of an erasure or consent withdrawal (the report line's
     * {@code route}), as the current caller: places the legal hold the pack names for it on the value's row and
     * audits it (HOLD_PLACED), so that the sweep keeps the data while the route runs; see sdk-jpa's
     * {@link RequestExecutor#startRoute}. A rule without a route refuses with {@code CUSTOS-04787}. Release the
     * hold with {@link RetentionService#releaseHold} once the route is over.
     */
    public LegalHold startRoute(@NotBlank String requestId, @NotBlank String entity, @NotBlank String entityId,
                                @NotBlank String attribute, @NotNull @Size(max = 2000) String note) {
        CustosRuntime runtime = units.runtime();
        return executor(runtime).startRoute(requestId, entity, entityId, attribute, runtime.currentCaller().name(),
                note);
    }

    /**
     * Decides an erasure line as the current caller, who needs the decider role (and no read-only role); see
     * sdk-jpa's {@link Decisions#decide}, which erases (ERASE) or keeps with the reason (KEEP), audits, and
     * completes a request with its last decision. Fires {@link DataErased} when the decision erased.
     */
    public Decisions.Decided decide(@NotBlank String decisionId, @NotNull Decision.Outcome outcome,
                                    @Size(max = Decisions.MAX_REASON) String reason) {
        CustosRuntime runtime = units.runtime();
        Decisions.Decided decided = new Decisions(runtime).decide(decisionId, outcome, reason,
                runtime.currentCaller().name());
        if (outcome == Decision.Outcome.ERASE) {
            Decision line = decided.line();
            erased.fire(new DataErased(runtime.unitName(), line.origin() == Decision.Origin.REQUEST ? "request"
                    : "decision", line.origin() == Decision.Origin.REQUEST ? line.originId() : line.id(), 1,
                    runtime.clock().instant()));
        }
        return decided;
    }

    private void fireErased(CustosRuntime runtime, String requestId, ErasureReport report) {
        long values = report.lines(ErasureReport.Outcome.ERASED).size();
        if (values > 0) {
            erased.fire(new DataErased(runtime.unitName(), "request", requestId, values, runtime.clock().instant()));
        }
    }

    private static RequestExecutor executor(CustosRuntime runtime) {
        return new RequestExecutor(runtime);
    }
}
