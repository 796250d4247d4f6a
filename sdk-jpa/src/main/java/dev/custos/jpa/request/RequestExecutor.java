// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.request;

import dev.custos.core.CustosException;
import dev.custos.core.audit.AuditAction;
import dev.custos.core.retention.LegalHold;
import dev.custos.core.request.DataSubjectRequest;
import dev.custos.core.request.RequestType;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.internal.StoreBackedAudit;
import dev.custos.jpa.internal.store.AuditTrail;
import dev.custos.jpa.internal.store.ConsentLedger;
import dev.custos.jpa.internal.store.DecisionStore;
import dev.custos.jpa.internal.store.LegalHoldStore;
import dev.custos.jpa.internal.store.RequestStore;
import dev.custos.jpa.internal.store.RestrictionStore;
import dev.custos.jpa.internal.store.StoredRequest;
import dev.custos.jpa.internal.store.SubjectKeys;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Carries out data-subject requests for one persistence unit: receives them (with the pack's zone and promised
 * answering period, so the deadline is sdk-core's), records the identity check, and answers each type:
 * <ul>
 * <li>{@link #exportAccess}: every personal-data attribute of the subject in every annotated entity, what each is,
 * the consent history and who accessed the data (GDPR Art. 15), as JSON;</li>
 * <li>{@link #exportPortable}: only what the subject provided under consent or contract (Art. 20), as JSON;</li>
 * <li>{@link #rectify}: corrections of single attributes, all in one transaction, audited (Art. 16);</li>
 * <li>{@link #restrict}: records a restriction to storage (Art. 18) in {@code custos_restriction};</li>
 * <li>{@link #object}: per attribute, stops direct marketing or leaves the objection for a person (Art. 21);</li>
 * <li>{@link #withdrawConsent}: records withdrawals in the consent ledger (Art. 7(3)) and erases, value by value,
 * what rested only on the withdrawn consent (Art. 17(1)(b));</li>
 * <li>{@link #erase}: per attribute value, erases or keeps with rule and citation (Art. 17).</li>
 * </ul>
 * Nothing is disclosed or changed before {@link #verifyIdentity}; a request about a subject Custos knows nothing
 * about (no row of an annotated entity, no consent event) is refused with {@code CUSTOS-04704}, never answered
 * as if empty. Each answer runs in one transaction of the unit, together with the request's move and its audit
 * records: it commits whole or not at all. Data is read with JPQL projections in pages, so no entity is loaded,
 * the access guard is not involved, and memory stays bounded by one page.
 * <p>
 * Thread-safe: every call works on its own entity manager and transaction.
 */
public final class RequestExecutor {

    /** The processing purpose under which requests are carried out, as audit records show it. */
    public static final String PURPOSE = "data-subject-request";
    /** The actor audit records and request histories name for the executor's own moves. */
    public static final String ACTOR = "custos-request-executor";

    /** How far ahead of Custos' clock a request's receipt may be dated: the clocks of two servers differ a little. */
    static final java.time.Duration CLOCK_TOLERANCE = java.time.Duration.ofMinutes(5);

    private final CustosRuntime runtime;
    private final RequestStore requests;
    private final RestrictionStore restrictions = new RestrictionStore();
    private final SubjectRows rows;
    private final RequestTransactions tx;
    private final RequestExports exports;
    private final Rectifications rectifications;
    private final ConsentAnswers consent;
    private final ErasureAnswers erasures;

    public RequestExecutor(CustosRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        runtime.requireEnabled();
        SubjectKeys keys = new SubjectKeys(runtime.clock());
        this.requests = new RequestStore(keys);
        ConsentLedger ledger = new ConsentLedger(keys, runtime.clock(), runtime.transactions());
        LegalHoldStore holds = new LegalHoldStore();
        AuditTrail writes = new AuditTrail(StoreBackedAudit.WRITE_CHAIN, runtime.clock(), runtime.transactions());
        AuditTrail reads = new AuditTrail(StoreBackedAudit.READ_CHAIN, runtime.clock(), runtime.transactions());
        this.rows = new SubjectRows(runtime.entityManagerFactory().getMetamodel());
        this.tx = new RequestTransactions(runtime, keys, requests, ledger, writes, rows);
        this.exports = new RequestExports(runtime, tx, keys, ledger, writes, reads, rows);
        this.rectifications = new Rectifications(runtime, tx, keys, writes, rows);
        this.consent = new ConsentAnswers(runtime, tx, keys, ledger, holds, writes, rows);
        this.erasures = new ErasureAnswers(runtime, tx, keys, requests, ledger, holds, new DecisionStore(), writes,
                rows);
    }

    /**
     * Records a request that has just arrived, with a new id, in the pack's time zone and with the pack's
     * promised answering period, and audits it (REQUEST_RECEIVED).
     *
     * @throws CustosException {@code CUSTOS-04725} for a receipt dated more than a few minutes ahead of the clock
     */
    public DataSubjectRequest receive(RequestType type, String subjectId, Instant receivedAt) {
        return receive("dsr-" + UUID.randomUUID(), type, subjectId, receivedAt);
    }

    /** As {@link #receive(RequestType, String, Instant)} with the controller's own id (a ticket number). */
    public DataSubjectRequest receive(String requestId, RequestType type, String subjectId, Instant receivedAt) {
        // a request dated ahead would move its legal deadline with it; allow only for clocks a little apart
        if (receivedAt.isAfter(tx.now().plus(CLOCK_TOLERANCE))) {
            throw new CustosException(RequestExecutionMessages.receivedInTheFuture(requestId, receivedAt.toString(),
                    tx.now().toString()));
        }
        DataSubjectRequest request = DataSubjectRequest.receive(requestId, subjectId, type, receivedAt,
                runtime.pack().zone(), runtime.pack().requests().promisedWithin());
        return tx.transaction(requestId, work -> {
            requests.insert(work.connection(), request);
            tx.audit(work.connection(), request, AuditAction.REQUEST_RECEIVED, "request " + requestId + " "
                    + type.name());
            return request;
        });
    }

    /** Records that {@code verifiedBy} identified the requester as the data subject. */
    public DataSubjectRequest verifyIdentity(String requestId, String verifiedBy) {
        return tx.move(requestId, r -> r.verifyIdentity(tx.now(), verifiedBy));
    }

    /** Extends the deadline by two months (GDPR Art. 12(3)); see {@link DataSubjectRequest#extend}. */
    public DataSubjectRequest extend(String requestId, String actor, String reason) {
        return tx.move(requestId, r -> r.extend(tx.now(), actor, reason));
    }

    /** Refuses the request with a reason and the provision it rests on, and audits it. */
    public DataSubjectRequest refuse(String requestId, String actor, String reason, String citation) {
        return tx.move(requestId, r -> r.refuse(tx.now(), actor, reason, citation));
    }

    /** The request, if stored. */
    public Optional<DataSubjectRequest> find(String requestId) {
        return tx.transaction(requestId, work -> requests.find(work.connection(), requestId)
                .map(StoredRequest::request));
    }

    /** The requests not yet completed or refused, earliest deadline in force first. */
    public List<DataSubjectRequest> openRequests() {
        return tx.transaction("(open requests)", work -> requests.open(work.connection()).stream()
                .map(StoredRequest::request).toList());
    }

    /** Answers an ACCESS request: the JSON export described in the class comment. Completes the request. */
    public String exportAccess(String requestId) {
        return tx.execute(requestId, RequestType.ACCESS, exports::access);
    }

    /**
     * Answers a PORTABILITY request: the attributes the rights map makes portable (provided by the subject,
     * under consent or contract), as JSON, and under {@code "leftOut"} each attribute of the subject's entities
     * that is not, with why and the article ({@code "basis LEGAL_OBLIGATION: GDPR Art. 20(1)(a)"}, {@code "not
     * provided by the subject: GDPR Art. 20(1)"}). Completes the request.
     */
    public String exportPortable(String requestId) {
        return tx.execute(requestId, RequestType.PORTABILITY, exports::portable);
    }

    /**
     * Answers a RECTIFICATION request: applies every correction in one transaction, each audited as an UPDATE of
     * the subject's data. If one correction names an unknown entity or attribute, or a row that is not the
     * subject's, nothing is changed. Completes the request.
     */
    public DataSubjectRequest rectify(String requestId, List<Correction> corrections) {
        List<Correction> all = List.copyOf(corrections);
        return tx.execute(requestId, RequestType.RECTIFICATION,
                (work, request) -> rectifications.apply(work, request, all));
    }

    /**
     * Answers a RESTRICTION request (GDPR Art. 18): records in {@code custos_restriction} that the subject's data
     * may only be stored from now on, until {@link #liftRestrictions}. From then on the access guard refuses every
     * load of the subject's annotated entities ({@code CUSTOS-04416}), whatever the purpose: the exceptions of
     * Art. 18(2) (consent, legal claims) are not modelled yet. Writes are not blocked. Completes the request.
     */
    public DataSubjectRequest restrict(String requestId) {
        return tx.execute(requestId, RequestType.RESTRICTION, (work, request) -> {
            restrictions.place(work.connection(), request.subjectId(), request.id(), tx.now());
            return tx.completed(request, "restricted");
        });
    }

    /** The subject's restrictions, oldest first, in force or lifted. */
    public List<Restriction> restrictions(String subjectId) {
        return tx.transaction("(restrictions)", work -> restrictions.forSubject(work.connection(), subjectId));
    }

    /** Whether a restriction of the subject's data is in force now. */
    public boolean restricted(String subjectId) {
        Instant now = tx.now();
        return restrictions(subjectId).stream().anyMatch(r -> r.activeAt(now));
    }

    /** Lifts the subject's restrictions in force (the subject must be told before, Art. 18(3)); returns how many. */
    public int liftRestrictions(String subjectId) {
        return tx.transaction("(lift restriction)", work -> restrictions.lift(work.connection(), subjectId,
                tx.now()));
    }

    /**
     * Answers an OBJECTION (GDPR Art. 21) for every personal-data attribute of the entities that hold data of the
     * subject: where it applies (direct marketing) consent for the attribute's purposes is recorded as withdrawn,
     * so consent-based processing for them stops; where a person must weigh it, the line says why and the request
     * stays IN_PROGRESS; otherwise the line says why the right does not apply.
     */
    public ObjectionReport object(String requestId) {
        return tx.execute(requestId, RequestType.OBJECTION, consent::objection);
    }

    /**
     * Answers a CONSENT_WITHDRAWAL (GDPR Art. 7(3)): records a WITHDRAWN event in the consent ledger for each
     * purpose, or, when {@code purposes} is empty, for every purpose the subject ever gave consent for, so the
     * access guard refuses consent-based reads for them at once. In the same transaction it erases the values
     * whose only basis was that consent (GDPR Art. 17(1)(b)), by their declared strategy and exactly as an
     * erasure request erases (see {@link WithdrawalQuestion}): a legal hold or a duty to keep still keeps them,
     * and values under another basis, or under consent for another purpose that still stands, stay. The report
     * says value by value what was erased or kept and why. Completes the request; values a person must decide on
     * are listed as REVIEW and not erased. The subject's pseudonym key stays: the subject is not forgotten.
     * The report's {@link ErasureReport#withdrawnPurposes()} are the purposes withdrawn in that transaction.
     */
    public ErasureReport withdrawConsent(String requestId, Set<String> purposes) {
        Set<String> asked = Set.copyOf(purposes);
        ErasureReport report = tx.execute(requestId, RequestType.CONSENT_WITHDRAWAL,
                (work, request) -> consent.withdrawal(work, request, asked));
        tx.evictErased();
        return report;
    }

    /**
     * Answers an ERASURE request value by value (see {@link ErasureReport}): values the engine says to erase are
     * erased by their declared strategy, logged and audited (see {@link RequestErasure}); the others are kept with
     * the rule, citation and GDPR Art. 17(3) exemption, or left for review. Each value left for review is recorded
     * once as an erasure line waiting for a person's decision ({@link Decisions}); decided lines stand on later
     * runs. The request completes only when no value is left for review: with the last decision, or when run again
     * once a duty to keep has ended. When nothing is
     * kept, the subject's key is destroyed after the last audit record, or, when the pack requires the audit to
     * keep identifying erased subjects ({@code <audit-identity>}), scheduled for destruction by the retention
     * sweep at the date the report and the REQUEST_COMPLETED record give.
     */
    public ErasureReport erase(String requestId) {
        ErasureReport report = tx.execute(requestId, RequestType.ERASURE, erasures::answer);
        tx.evictErased();
        return report;
    }

    /**
     * Starts the route a refusal named for one value the request kept (see {@link ErasureReport.Line#route()}):
     * places the legal hold the pack's {@code <route>} names on the value's row, for the request's subject, and
     * audits it ({@code HOLD_PLACED}, with the route's rule and the request in the detail), in one transaction.
     * While the hold is in force the retention sweep keeps the row, so the data is not erased before the route
     * (a decision that can be appealed, for example) is over; release the hold with
     * {@link dev.custos.jpa.retention.LegalHolds#release} when it is.
     *
     * @param requestId the erasure or consent withdrawal, carried out (IN_PROGRESS or COMPLETED)
     * @param entity    the line's entity
     * @param entityId  the line's row id, as the report gives it
     * @param attribute the line's attribute
     * @param startedBy who starts the route, as the hold and its audit record name them
     * @param note      why, for whoever later releases the hold; may be empty
     * @return the hold placed
     * @throws CustosException {@code CUSTOS-04787} when the attribute's rule names no route (nothing is placed),
     *                         {@code CUSTOS-04788} for an entity or attribute that is not personal data,
     *                         {@code CUSTOS-04789} for a row that is not the subject's, {@code CUSTOS-04790} for a
     *                         request of another type or not carried out, {@code CUSTOS-04701} for an unknown
     *                         request
     */
    public LegalHold startRoute(String requestId, String entity, String entityId, String attribute,
                                String startedBy, String note) {
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(startedBy, "startedBy");
        Objects.requireNonNull(note, "note");
        return tx.transaction(requestId, work -> new RefusalRoutes(runtime, rows).start(work,
                requests.find(work.connection(), requestId).map(StoredRequest::request).orElseThrow(
                        () -> new CustosException(RequestExecutionMessages.unknownRequest(requestId))),
                entity, entityId, attribute, startedBy, note));
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
        return erasures.decide(line, outcome, reason, decidedBy);
    }
}
