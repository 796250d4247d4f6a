// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.request;

import dev.custos.core.CustosException;
import dev.custos.core.Message;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.access.AccessRefusedException;
import dev.custos.jpa.access.Caller;
import dev.custos.jpa.internal.OwnTransaction;
import dev.custos.jpa.retention.RetentionSweeper;
import dev.custos.jpa.internal.store.DecisionStore;
import dev.custos.jpa.tx.Transactions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Erasure lines kept for a person's decision, and the decisions: the values an erasure request left for review
 * (GDPR Art. 17, case by case: contract or legitimate-interest data, {@code CUSTOS-04715}) and the rows a sweep
 * found due under a rule that asks a person ({@code on-due="REVIEW"}). A person lists them, then decides each:
 * <ul>
 * <li>{@link Decision.Outcome#ERASE}: the value is erased by its declared strategy through the same erasure as
 * every other (logged in {@code custos_erasure_log}, {@code ERASE} audit record). A request's line is erased by
 * answering the request again in the same transaction; a sweep's line at once, and the sweep skips it after.</li>
 * <li>{@link Decision.Outcome#KEEP}: the value is kept, for the reason given, which the request's report shows
 * the subject; the sweep no longer opens the line.</li>
 * </ul>
 * Each decision is audited ({@code ERASURE_DECIDED}, with the person, the outcome and the reason) in the same
 * transaction. An erasure request whose lines are all decided completes in the transaction of the last decision.
 * Listing and deciding lines requires the {@linkplain CustosRuntime#deciderRole() decider role}
 * ({@code custos.roles.decider}, {@code custos-privacy-officer} by default) of the current caller, Custos itself
 * excepted; the caller vouches for {@code decidedBy}. Thread-safe.
 */
public final class Decisions {

    /** The longest reason kept with a decision. */
    public static final int MAX_REASON = 1000;

    /** A decision as recorded, and the answer of the request it belonged to, if that request was answered again. */
    public record Decided(Decision line, Optional<ErasureReport> request) {
        public Decided {
            Objects.requireNonNull(line, "line");
            Objects.requireNonNull(request, "request");
        }
    }

    private static final String LIST = "list erasure lines for a decision";

    private final CustosRuntime runtime;
    private final DecisionStore store = new DecisionStore();

    public Decisions(CustosRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        runtime.requireEnabled();
    }

    /**
     * Every line still waiting for a decision, of requests and of sweeps, oldest first.
     *
     * @throws AccessRefusedException {@code CUSTOS-04791} to a caller without the decider role
     */
    public List<Decision> undecided() {
        requireDecider(LIST);
        return read(c -> store.undecided(c));
    }

    /**
     * The lines of one request, decided or not, oldest first.
     *
     * @throws AccessRefusedException {@code CUSTOS-04791} to a caller without the decider role
     */
    public List<Decision> forRequest(String requestId) {
        requireDecider(LIST);
        return read(c -> store.forOrigin(c, Decision.Origin.REQUEST, requestId));
    }

    /**
     * How many lines of each open request wait for a decision; requests with none are absent. Counts name no
     * data, so any caller may ask (the sweep's scheduler reports them).
     */
    public Map<String, Long> undecidedByRequest() {
        return read(store::undecidedByRequest);
    }

    /**
     * Decides line {@code decisionId}.
     *
     * @param reason    why; required to keep (the subject is told), optional to erase; at most
     *                  {@value #MAX_REASON} characters
     * @param decidedBy the person deciding, as the audit names them
     * @return the line as decided, and for a line of an open erasure request, the request's answer after it
     * @throws CustosException {@code CUSTOS-04728} for an unknown line, {@code CUSTOS-04729} for one decided
     *                         already, {@code CUSTOS-04730} to keep without a reason, {@code CUSTOS-04731} for a
     *                         reason too long, {@code CUSTOS-04733} without {@code decidedBy}, {@code CUSTOS-04732}
     *                         to erase a line whose attributes are no longer annotated, {@code CUSTOS-04734} for a
     *                         line of a request answered or refused meanwhile
     * @throws AccessRefusedException {@code CUSTOS-04791} to a caller without the decider role
     */
    public Decided decide(String decisionId, Decision.Outcome outcome, String reason, String decidedBy) {
        requireDecider("decide an erasure line");
        Objects.requireNonNull(outcome, "outcome");
        String why = reason == null ? "" : reason.strip();
        if (decidedBy == null || decidedBy.isBlank()) {
            throw new CustosException(RequestExecutionMessages.blankDecider(decisionId));
        }
        if (outcome == Decision.Outcome.KEEP && why.isEmpty()) {
            throw new CustosException(RequestExecutionMessages.keepWithoutReason(decisionId));
        }
        if (why.length() > MAX_REASON) {
            throw new CustosException(RequestExecutionMessages.reasonTooLong(decisionId,
                    Integer.toString(why.length()), Integer.toString(MAX_REASON)));
        }
        Decision line = read(c -> store.find(c, decisionId)).orElseThrow(() -> new CustosException(
                RequestExecutionMessages.unknownDecision(decisionId)));
        if (!line.pending()) {
            throw new CustosException(RequestExecutionMessages.alreadyDecided(decisionId,
                    line.outcome().get().name(), line.decidedBy().orElse(""),
                    line.decidedAt().map(Instant::toString).orElse("")));
        }
        if (outcome == Decision.Outcome.ERASE && !declared(line)) {
            throw new CustosException(RequestExecutionMessages.decisionEntityGone(decisionId, line.entity(),
                    String.join(", ", line.attributes())));
        }
        Optional<ErasureReport> report = Optional.empty();
        if (line.origin() == Decision.Origin.REQUEST) {
            report = new RequestExecutor(runtime).decide(line, outcome, why, decidedBy.strip());
        } else {
            new RetentionSweeper(runtime).decide(line, outcome, why, decidedBy.strip());
        }
        return new Decided(read(c -> store.find(c, decisionId)).orElseThrow(), report);
    }

    /** Refuses {@code operation} to the current caller unless it has the decider role or is Custos itself. */
    private void requireDecider(String operation) {
        Caller caller = runtime.currentCaller();
        if (!caller.system() && !caller.inRole(runtime.deciderRole())) {
            Message reason = RequestExecutionMessages.deciderRoleRequired(caller.name(), operation,
                    runtime.deciderRole());
            throw new AccessRefusedException(reason, List.of(reason));
        }
    }

    /** Whether the line's entity and attributes are still annotated personal data in this deployment. */
    private boolean declared(Decision line) {
        return runtime.model().entity(line.entity()).map(m -> line.attributes().stream()
                .allMatch(a -> "*".equals(a) || m.attribute(a).isPresent() || m.attributes().stream()
                        .anyMatch(p -> p.derivedCopies().contains(a)))).orElse(false);
    }

    private <T> T read(Transactions.SqlWork<T> work) {
        return OwnTransaction.run(runtime, cause -> RequestExecutionMessages.executionFailed("(decisions)", cause),
                work);
    }
}
