// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.request;

import dev.custos.core.CustosException;
import dev.custos.core.request.DataSubjectRequest;
import dev.custos.core.request.RequestType;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.internal.DecisionAudit;
import dev.custos.jpa.internal.store.AuditTrail;
import dev.custos.jpa.internal.store.ConsentLedger;
import dev.custos.jpa.internal.store.DecisionStore;
import dev.custos.jpa.internal.store.LegalHoldStore;
import dev.custos.jpa.internal.store.RequestStore;
import dev.custos.jpa.internal.store.StoredRequest;
import dev.custos.jpa.internal.store.SubjectKeys;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.custos.jpa.request.RequestExecutor.ACTOR;
import static dev.custos.jpa.request.RequestExecutor.PURPOSE;

import dev.custos.jpa.request.RequestTransactions.Outcome;

/**
 * Answers ERASURE requests (GDPR Art. 17) value by value, records the values left for review as erasure lines
 * waiting for a person's decision, and carries out those decisions.
 */
final class ErasureAnswers {

    private final CustosRuntime runtime;
    private final RequestTransactions tx;
    private final SubjectKeys keys;
    private final RequestStore requests;
    private final ConsentLedger ledger;
    private final LegalHoldStore holds;
    private final DecisionStore decisions;
    private final AuditTrail writes;
    private final SubjectRows rows;

    ErasureAnswers(CustosRuntime runtime, RequestTransactions tx, SubjectKeys keys, RequestStore requests,
                   ConsentLedger ledger, LegalHoldStore holds, DecisionStore decisions, AuditTrail writes,
                   SubjectRows rows) {
        this.runtime = runtime;
        this.tx = tx;
        this.keys = keys;
        this.requests = requests;
        this.ledger = ledger;
        this.holds = holds;
        this.decisions = decisions;
        this.writes = writes;
        this.rows = rows;
    }

    /**
     * The erasure answer, in {@code work}: a person's decisions on earlier REVIEW lines stand (see
     * {@link SubjectErasure#decided}), and each value left for review now is recorded as an erasure line waiting
     * for a decision ({@link DecisionStore}), once.
     */
    Outcome<ErasureReport> answer(UnitOfWork work, DataSubjectRequest request) throws SQLException {
        String requestId = request.id();
        Map<String, Decision> decided = new LinkedHashMap<>();
        decisions.forOrigin(work.connection(), Decision.Origin.REQUEST, requestId).stream()
                .filter(d -> !d.pending()).forEach(d -> decided.put(d.lineKey(), d));
        RequestErasure eraser = new RequestErasure(runtime, rows, work, requestId, request.subjectId());
        List<ErasureReport.Line> lines = new SubjectErasure(runtime, rows, holds).decided(decided)
                .run(work, request.subjectId(), ledger.events(work.connection(), request.subjectId()), eraser);
        eraser.finish(lines);
        long review = lines.stream().filter(l -> l.outcome() == ErasureReport.Outcome.REVIEW).count();
        if (review > 0) {
            openDecisions(work, request, lines);
            return new Outcome<>(new ErasureReport(request, lines, RequestExecutionMessages.erasurePending(
                    requestId, Long.toString(review)), RefusalRoutes.notes(eraser.notes(lines), lines)), request,
                    "pending");
        }
        DataSubjectRequest done = request.complete(tx.now(), ACTOR);
        boolean forgets = eraser.forgetsSubject(lines);
        return new Outcome<>(new ErasureReport(done, lines, RequestExecutionMessages.erasureDone(requestId),
                RefusalRoutes.notes(eraser.notes(lines), lines)), done,
                "erasure answered" + (forgets ? "; " + eraser.forgetDetail() : ""),
                forgets ? w -> eraser.forget(w, requests, keys) : null);
    }

    private void openDecisions(UnitOfWork work, DataSubjectRequest request, List<ErasureReport.Line> lines) {
        Optional<String> ref = Optional.of(keys.pseudonym(work.connection(), request.subjectId()));
        Instant at = tx.now();
        decisions.openAll(work.connection(), lines.stream().filter(l -> l.outcome() == ErasureReport.Outcome.REVIEW)
                .map(l -> Decision.open(Decision.Origin.REQUEST, request.id(), l.entity(), l.entityId(),
                        List.of(l.attribute()), l.rule(), l.citation(), ref, at)).toList());
    }

    /**
     * Records a person's decision on an erasure line of request {@code line.originId()}, audits it
     * ({@code ERASURE_DECIDED}), and, while the request is open, answers the erasure again in the same transaction:
     * a value decided ERASE is erased there by its strategy, logged and audited as the request's other erasures;
     * a value decided KEEP is kept with the reason. The request completes once no line waits for a decision.
     *
     * @return the erasure's answer after the decision
     * @throws CustosException {@code CUSTOS-04734} when the request was answered or refused meanwhile
     */
    Optional<ErasureReport> decide(Decision line, Decision.Outcome outcome, String reason, String decidedBy) {
        Optional<ErasureReport> report = tx.transaction(line.originId(), work -> {
            StoredRequest stored = requests.find(work.connection(), line.originId()).orElse(null);
            if (stored == null || stored.request().state().terminal()) {
                // refused or answered meanwhile: an erase decision could not be carried out under it
                throw new CustosException(RequestExecutionMessages.decisionOfClosedRequest(line.id(),
                        line.originId(), stored == null ? "gone" : stored.request().state().name()));
            }
            record(work, line, outcome, reason, decidedBy);
            if (stored.request().type() != RequestType.ERASURE) {
                return Optional.<ErasureReport>empty();
            }
            return Optional.of(tx.answerIn(work, line.originId(), RequestType.ERASURE, this::answer,
                    new Object[1]));
        });
        tx.evictErased();
        return report;
    }

    private void record(UnitOfWork work, Decision line, Decision.Outcome outcome, String reason, String decidedBy) {
        Instant at = tx.now();
        if (!decisions.decide(work.connection(), line.id(), outcome, reason, decidedBy, at)) {
            Decision now = decisions.find(work.connection(), line.id()).orElseThrow(() -> new CustosException(
                    RequestExecutionMessages.unknownDecision(line.id())));
            throw new CustosException(RequestExecutionMessages.alreadyDecided(line.id(),
                    now.outcome().map(Enum::name).orElse(""), now.decidedBy().orElse(""),
                    now.decidedAt().map(Instant::toString).orElse("")));
        }
        writes.append(work.connection(), DecisionAudit.event(runtime, line, outcome, reason, decidedBy, PURPOSE,
                at));
    }

    static String count(List<ErasureReport.Line> lines, ErasureReport.Outcome outcome) {
        return Long.toString(lines.stream().filter(l -> l.outcome() == outcome).count());
    }
}
