// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.request;

import dev.custos.core.CustosException;
import dev.custos.core.Message;
import dev.custos.core.audit.AuditAction;
import dev.custos.core.audit.AuditEvent;
import dev.custos.core.audit.AuditOutcome;
import dev.custos.core.consent.ConsentEvent;
import dev.custos.core.gdpr.Applicability;
import dev.custos.core.gdpr.DataSubjectRight;
import dev.custos.core.gdpr.RightAssessment;
import dev.custos.core.gdpr.RightsMap;
import dev.custos.core.metadata.PersonalDataAttribute;
import dev.custos.core.request.DataSubjectRequest;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.EntityMapping;
import dev.custos.jpa.consent.ConsentRegistry;
import dev.custos.jpa.internal.store.AuditTrail;
import dev.custos.jpa.internal.store.ConsentLedger;
import dev.custos.jpa.internal.store.LegalHoldStore;
import dev.custos.jpa.internal.store.SubjectKeys;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static dev.custos.jpa.request.ErasureAnswers.count;
import static dev.custos.jpa.request.RequestExecutor.ACTOR;

import dev.custos.jpa.request.RequestTransactions.Outcome;

/**
 * Answers OBJECTION (GDPR Art. 21) and CONSENT_WITHDRAWAL (Art. 7(3)) requests: records the withdrawals in the
 * consent ledger, audited, and for a withdrawal erases what rested only on the withdrawn consent.
 */
final class ConsentAnswers {

    private final CustosRuntime runtime;
    private final RequestTransactions tx;
    private final SubjectKeys keys;
    private final ConsentLedger ledger;
    private final LegalHoldStore holds;
    private final AuditTrail writes;
    private final SubjectRows rows;

    ConsentAnswers(CustosRuntime runtime, RequestTransactions tx, SubjectKeys keys, ConsentLedger ledger,
                   LegalHoldStore holds, AuditTrail writes, SubjectRows rows) {
        this.runtime = runtime;
        this.tx = tx;
        this.keys = keys;
        this.ledger = ledger;
        this.holds = holds;
        this.writes = writes;
        this.rows = rows;
    }

    /** The OBJECTION answer in {@code work}: see {@link RequestExecutor#object}. */
    Outcome<ObjectionReport> objection(UnitOfWork work, DataSubjectRequest request) throws SQLException {
        List<ObjectionReport.Line> lines = new ArrayList<>();
        Set<String> stopped = new LinkedHashSet<>();
        for (EntityMapping mapping : runtime.mappings()) {
            if (rows.count(work.em(), mapping, request.subjectId()) == 0) {
                continue;
            }
            for (PersonalDataAttribute attribute : mapping.model().attributes()) {
                RightAssessment right = RightsMap.assess(DataSubjectRight.OBJECTION, attribute.processing());
                String location = mapping.entityName() + "." + attribute.name();
                Message detail = switch (right.applicability()) {
                    case APPLIES -> RequestExecutionMessages.objectionStops(location,
                            String.join(", ", attribute.purposes()), right.citation());
                    case CASE_BY_CASE -> RequestExecutionMessages.objectionNeedsReview(location, right.citation(),
                            right.reason());
                    case DOES_NOT_APPLY -> RequestExecutionMessages.objectionDoesNotApply(location,
                            right.citation(), right.reason());
                };
                if (right.applies()) {
                    stopped.addAll(attribute.purposes());
                }
                lines.add(new ObjectionReport.Line(mapping.entityName(), attribute.name(),
                        right.applicability(), right.citation(), detail,
                        RefusalRoutes.forObjection(attribute, right)));
            }
        }
        withdraw(work, request, stopped);
        boolean pending = lines.stream().anyMatch(l -> l.applicability() == Applicability.CASE_BY_CASE);
        if (pending) {
            return new Outcome<>(new ObjectionReport(request, lines), request, "objection pending");
        }
        DataSubjectRequest done = request.complete(tx.now(), ACTOR);
        return new Outcome<>(new ObjectionReport(done, lines), done, "objection answered");
    }

    /** The CONSENT_WITHDRAWAL answer in {@code work}: see {@link RequestExecutor#withdrawConsent}. */
    Outcome<ErasureReport> withdrawal(UnitOfWork work, DataSubjectRequest request, Set<String> asked)
            throws SQLException {
        String requestId = request.id();
        Set<String> chosen = new TreeSet<>(asked);
        if (chosen.isEmpty()) {
            chosen.addAll(ConsentRegistry.purposesEverGiven(ledger.events(work.connection(),
                    request.subjectId())));
        }
        if (chosen.isEmpty()) {
            throw new CustosException(RequestExecutionMessages.noPurposes(requestId));
        }
        withdraw(work, request, chosen);
        RequestErasure eraser = new RequestErasure(runtime, rows, work, requestId, request.subjectId());
        List<ErasureReport.Line> lines = new SubjectErasure(runtime, rows, holds,
                new WithdrawalQuestion(runtime.retention(), chosen)).run(work, request.subjectId(),
                ledger.events(work.connection(), request.subjectId()), eraser);
        eraser.finish(lines);
        DataSubjectRequest done = request.complete(tx.now(), ACTOR);
        String erased = count(lines, ErasureReport.Outcome.ERASED);
        Message summary = RequestExecutionMessages.withdrawalAnswered(requestId, String.join(", ", chosen),
                erased, count(lines, ErasureReport.Outcome.KEPT), count(lines, ErasureReport.Outcome.REVIEW));
        return new Outcome<>(new ErasureReport(done, lines, summary,
                RefusalRoutes.notes(eraser.rowNotes(), lines), chosen), done,
                "withdrawn " + String.join(",", chosen) + "; erased " + erased + " value(s)");
    }

    private void withdraw(UnitOfWork work, DataSubjectRequest request, Set<String> purposes) {
        Instant at = tx.now();
        String ref = keys.pseudonym(work.connection(), request.subjectId());
        for (String purpose : purposes) {
            ledger.record(work.connection(), ConsentEvent.withdrawn(request.subjectId(), purpose, at), ACTOR);
            writes.append(work.connection(), new AuditEvent(at, ACTOR, ref, AuditAction.CONSENT_WITHDRAWN, "", "",
                    List.of(), purpose, "", AuditOutcome.DONE, "request " + request.id()));
        }
    }
}
