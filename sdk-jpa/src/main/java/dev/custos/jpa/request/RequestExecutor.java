// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.request;

import dev.custos.core.CustosException;
import dev.custos.core.Message;
import dev.custos.core.audit.AuditAction;
import dev.custos.core.audit.AuditEvent;
import dev.custos.core.audit.AuditOutcome;
import dev.custos.core.audit.AuditRecord;
import dev.custos.core.consent.ConsentEvent;
import dev.custos.core.consent.ConsentEventType;
import dev.custos.core.gdpr.Applicability;
import dev.custos.core.gdpr.DataSubjectRight;
import dev.custos.core.gdpr.RightAssessment;
import dev.custos.core.gdpr.RightsMap;
import dev.custos.core.metadata.PersonalDataAttribute;
import dev.custos.core.retention.LegalHold;
import dev.custos.core.request.DataSubjectRequest;
import dev.custos.core.request.RequestState;
import dev.custos.core.request.RequestType;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.EntityMapping;
import dev.custos.jpa.internal.Erasure;
import dev.custos.jpa.internal.SubjectTraces;
import dev.custos.jpa.internal.SanitizedCause;
import dev.custos.jpa.internal.ShredCipher;
import dev.custos.jpa.internal.store.SubjectDataKeys;
import dev.custos.jpa.access.Caller;
import dev.custos.jpa.consent.ConsentRegistry;
import dev.custos.jpa.access.ProcessingContext;
import dev.custos.jpa.internal.DecisionAudit;
import dev.custos.jpa.internal.ReadScope;
import dev.custos.jpa.internal.RowAudit;
import dev.custos.jpa.internal.StoreBackedAudit;
import dev.custos.jpa.internal.store.AuditTrail;
import dev.custos.jpa.internal.store.ConsentLedger;
import dev.custos.jpa.internal.store.DecisionStore;
import dev.custos.jpa.internal.store.LegalHoldStore;
import dev.custos.jpa.internal.store.RequestStore;
import dev.custos.jpa.internal.store.RestrictionStore;
import dev.custos.jpa.internal.store.StoredRequest;
import dev.custos.jpa.internal.store.SubjectKeys;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

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

    private static final String UNKNOWN_SUBJECT_CITATION = "GDPR Art. 11(2)";
    private static final Instant END_OF_TIME = Instant.parse("9999-12-31T00:00:00Z");

    private final CustosRuntime runtime;
    private final SubjectKeys keys;
    private final RequestStore requests;
    private final ConsentLedger ledger;
    private final LegalHoldStore holds = new LegalHoldStore();
    private final AuditTrail writes;
    private final AuditTrail reads;
    private final RestrictionStore restrictions = new RestrictionStore();
    private final SubjectRows rows;
    private final DecisionStore decisions = new DecisionStore();

    public RequestExecutor(CustosRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        runtime.requireEnabled();
        this.keys = new SubjectKeys(runtime.clock());
        this.requests = new RequestStore(keys);
        this.ledger = new ConsentLedger(keys, runtime.clock(), runtime.transactions());
        this.writes = new AuditTrail(StoreBackedAudit.WRITE_CHAIN, runtime.clock(), runtime.transactions());
        this.reads = new AuditTrail(StoreBackedAudit.READ_CHAIN, runtime.clock(), runtime.transactions());
        this.rows = new SubjectRows(runtime.entityManagerFactory().getMetamodel());
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
        if (receivedAt.isAfter(now().plus(CLOCK_TOLERANCE))) {
            throw new CustosException(RequestExecutionMessages.receivedInTheFuture(requestId, receivedAt.toString(),
                    now().toString()));
        }
        DataSubjectRequest request = DataSubjectRequest.receive(requestId, subjectId, type, receivedAt,
                runtime.pack().zone(), runtime.pack().requests().promisedWithin());
        return transaction(requestId, work -> {
            requests.insert(work.connection(), request);
            audit(work.connection(), request, AuditAction.REQUEST_RECEIVED, "request " + requestId + " "
                    + type.name());
            return request;
        });
    }

    /** Records that {@code verifiedBy} identified the requester as the data subject. */
    public DataSubjectRequest verifyIdentity(String requestId, String verifiedBy) {
        return move(requestId, r -> r.verifyIdentity(now(), verifiedBy));
    }

    /** Extends the deadline by two months (GDPR Art. 12(3)); see {@link DataSubjectRequest#extend}. */
    public DataSubjectRequest extend(String requestId, String actor, String reason) {
        return move(requestId, r -> r.extend(now(), actor, reason));
    }

    /** Refuses the request with a reason and the provision it rests on, and audits it. */
    public DataSubjectRequest refuse(String requestId, String actor, String reason, String citation) {
        return move(requestId, r -> r.refuse(now(), actor, reason, citation));
    }

    /** The request, if stored. */
    public Optional<DataSubjectRequest> find(String requestId) {
        return transaction(requestId, work -> requests.find(work.connection(), requestId)
                .map(StoredRequest::request));
    }

    /** The requests not yet completed or refused, earliest deadline in force first. */
    public List<DataSubjectRequest> openRequests() {
        return transaction("(open requests)", work -> requests.open(work.connection()).stream()
                .map(StoredRequest::request).toList());
    }

    /** Answers an ACCESS request: the JSON export described in the class comment. Completes the request. */
    public String exportAccess(String requestId) {
        return execute(requestId, RequestType.ACCESS, (work, request) -> {
            SubjectExport export = header(request);
            export.data(work.em(), runtime.mappings(), request.subjectId(), a -> true);
            export.consent(ledger.events(work.connection(), request.subjectId()));
            Map<Integer, List<AuditRecord>> chains = new LinkedHashMap<>();
            Optional<String> ref = keys.existingPseudonym(work.connection(), request.subjectId());
            if (ref.isPresent()) {
                chains.put(StoreBackedAudit.WRITE_CHAIN,
                        writes.forSubject(work.connection(), ref.get(), Instant.EPOCH, END_OF_TIME));
                chains.put(StoreBackedAudit.READ_CHAIN,
                        reads.forSubject(work.connection(), ref.get(), Instant.EPOCH, END_OF_TIME));
            }
            export.accessLog(chains);
            String detail = auditExport(work, request, export);
            DataSubjectRequest done = request.complete(now(), ACTOR);
            return new Outcome<>(export.json().endObject().toString(), done, detail);
        });
    }

    /**
     * Answers a PORTABILITY request: the attributes the rights map makes portable (provided by the subject,
     * under consent or contract), as JSON, and under {@code "leftOut"} each attribute of the subject's entities
     * that is not, with why and the article ({@code "basis LEGAL_OBLIGATION: GDPR Art. 20(1)(a)"}, {@code "not
     * provided by the subject: GDPR Art. 20(1)"}). Completes the request.
     */
    public String exportPortable(String requestId) {
        return execute(requestId, RequestType.PORTABILITY, (work, request) -> {
            SubjectExport export = header(request);
            export.data(work.em(), runtime.mappings(), request.subjectId(),
                    a -> RightsMap.assess(DataSubjectRight.PORTABILITY, a.processing()).applies());
            export.leftOut(work.em(), runtime.mappings(), request.subjectId(), DataSubjectRight.PORTABILITY);
            String detail = auditExport(work, request, export);
            DataSubjectRequest done = request.complete(now(), ACTOR);
            return new Outcome<>(export.json().endObject().toString(), done, detail);
        });
    }

    /**
     * Answers a RECTIFICATION request: applies every correction in one transaction, each audited as an UPDATE of
     * the subject's data. If one correction names an unknown entity or attribute, or a row that is not the
     * subject's, nothing is changed. Completes the request.
     */
    public DataSubjectRequest rectify(String requestId, List<Correction> corrections) {
        List<Correction> all = List.copyOf(corrections);
        return execute(requestId, RequestType.RECTIFICATION, (work, request) -> {
            List<Object> ids = new ArrayList<>();
            List<EntityMapping> targets = new ArrayList<>();
            for (Correction correction : all) {
                String place = Integer.toString(targets.size() + 1);
                EntityMapping mapping = runtime.model().entity(correction.entity())
                        .flatMap(m -> runtime.mapping(m.type()))
                        .orElseThrow(() -> new CustosException(RequestExecutionMessages.unknownEntity(requestId,
                                correction.entity())));
                if (mapping.model().attribute(correction.attribute()).isEmpty()) {
                    throw new CustosException(RequestExecutionMessages.notPersonalAttribute(requestId,
                            correction.entity(), correction.attribute()));
                }
                Class<?> idType = rows.idType(mapping);
                Object id = SubjectTraces.convert(correction.entityId(), idType).orElseThrow(() -> new CustosException(
                        RequestExecutionMessages.invalidId(requestId, place, correction.entity(),
                                idType.getSimpleName())));
                if (!rows.ownedBy(work.em(), mapping, id, request.subjectId())) {
                    throw new CustosException(RequestExecutionMessages.rowNotOfSubject(requestId, place,
                            correction.entity()));
                }
                targets.add(mapping);
                ids.add(id);
            }
            for (int i = 0; i < all.size(); i++) {
                Correction correction = all.get(i);
                EntityMapping mapping = targets.get(i);
                work.em().createQuery("UPDATE " + mapping.entityName() + " e SET e." + correction.attribute()
                                + " = :value" + mapping.versionBump().map(bump -> ", " + bump).orElse("")
                                + " WHERE e." + mapping.idAttribute() + " = :id")
                        .setParameter("value", stored(requestId, mapping, correction.attribute(),
                                request.subjectId(), correction.value()))
                        .setParameter("id", ids.get(i)).executeUpdate();
                auditRow(work.connection(), request, AuditAction.UPDATE, mapping, ids.get(i),
                        List.of(correction.attribute()));
            }
            return completed(request, "rectified " + all.size());
        });
    }

    /**
     * The value to store: a CRYPTO_SHRED attribute's value is encrypted under the subject's data key, created in a
     * committed transaction of its own when the subject has none (see {@code StoreBackedAudit}).
     */
    private Object stored(String requestId, EntityMapping mapping, String attribute, String subjectId, Object value) {
        if (value == null || !ShredCipher.shredded(mapping).contains(attribute)) {
            return value;
        }
        try {
            byte[] key = runtime.transactions().inOwnTransaction(runtime.dataSource(),
                    connection -> new SubjectDataKeys(runtime.clock()).key(connection, subjectId));
            return ShredCipher.encrypt(key, value);
        } catch (SQLException e) {
            throw new CustosException(RequestExecutionMessages.executionFailed(requestId, SanitizedCause.describe(e)), e);
        }
    }

    /**
     * Answers a RESTRICTION request (GDPR Art. 18): records in {@code custos_restriction} that the subject's data
     * may only be stored from now on, until {@link #liftRestrictions}. From then on the access guard refuses every
     * load of the subject's annotated entities ({@code CUSTOS-04416}), whatever the purpose: the exceptions of
     * Art. 18(2) (consent, legal claims) are not modelled yet. Writes are not blocked. Completes the request.
     */
    public DataSubjectRequest restrict(String requestId) {
        return execute(requestId, RequestType.RESTRICTION, (work, request) -> {
            restrictions.place(work.connection(), request.subjectId(), request.id(), now());
            return completed(request, "restricted");
        });
    }

    /** The subject's restrictions, oldest first, in force or lifted. */
    public List<Restriction> restrictions(String subjectId) {
        return transaction("(restrictions)", work -> restrictions.forSubject(work.connection(), subjectId));
    }

    /** Whether a restriction of the subject's data is in force now. */
    public boolean restricted(String subjectId) {
        Instant now = now();
        return restrictions(subjectId).stream().anyMatch(r -> r.activeAt(now));
    }

    /** Lifts the subject's restrictions in force (the subject must be told before, Art. 18(3)); returns how many. */
    public int liftRestrictions(String subjectId) {
        return transaction("(lift restriction)", work -> restrictions.lift(work.connection(), subjectId, now()));
    }

    /**
     * Answers an OBJECTION (GDPR Art. 21) for every personal-data attribute of the entities that hold data of the
     * subject: where it applies (direct marketing) consent for the attribute's purposes is recorded as withdrawn,
     * so consent-based processing for them stops; where a person must weigh it, the line says why and the request
     * stays IN_PROGRESS; otherwise the line says why the right does not apply.
     */
    public ObjectionReport object(String requestId) {
        return execute(requestId, RequestType.OBJECTION, (work, request) -> {
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
            DataSubjectRequest done = request.complete(now(), ACTOR);
            return new Outcome<>(new ObjectionReport(done, lines), done, "objection answered");
        });
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
     */
    public ErasureReport withdrawConsent(String requestId, Set<String> purposes) {
        Set<String> asked = Set.copyOf(purposes);
        ErasureReport report = execute(requestId, RequestType.CONSENT_WITHDRAWAL, (work, request) -> {
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
            DataSubjectRequest done = request.complete(now(), ACTOR);
            String erased = count(lines, ErasureReport.Outcome.ERASED);
            Message summary = RequestExecutionMessages.withdrawalAnswered(requestId, String.join(", ", chosen),
                    erased, count(lines, ErasureReport.Outcome.KEPT), count(lines, ErasureReport.Outcome.REVIEW));
            return new Outcome<>(new ErasureReport(done, lines, summary,
                    RefusalRoutes.notes(eraser.rowNotes(), lines)), done,
                    "withdrawn " + String.join(",", chosen) + "; erased " + erased + " value(s)");
        });
        evictErased();
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
        ErasureReport report = execute(requestId, RequestType.ERASURE, this::answerErasure);
        evictErased();
        return report;
    }

    /**
     * The erasure answer, in {@code work}: a person's decisions on earlier REVIEW lines stand (see
     * {@link SubjectErasure#decided}), and each value left for review now is recorded as an erasure line waiting
     * for a decision ({@link DecisionStore}), once.
     */
    private Outcome<ErasureReport> answerErasure(UnitOfWork work, DataSubjectRequest request) throws SQLException {
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
        DataSubjectRequest done = request.complete(now(), ACTOR);
        boolean forgets = eraser.forgetsSubject(lines);
        return new Outcome<>(new ErasureReport(done, lines, RequestExecutionMessages.erasureDone(requestId),
                RefusalRoutes.notes(eraser.notes(lines), lines)), done,
                "erasure answered" + (forgets ? "; " + eraser.forgetDetail() : ""),
                forgets ? w -> eraser.forget(w, requests, keys) : null);
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
        return transaction(requestId, work -> new RefusalRoutes(runtime, rows).start(work,
                requests.find(work.connection(), requestId).map(StoredRequest::request).orElseThrow(
                        () -> new CustosException(RequestExecutionMessages.unknownRequest(requestId))),
                entity, entityId, attribute, startedBy, note));
    }

    /** Records the REVIEW lines as erasure lines waiting for a person's decision, unless recorded already. */
    private void openDecisions(UnitOfWork work, DataSubjectRequest request, List<ErasureReport.Line> lines) {
        Optional<String> ref = Optional.of(keys.pseudonym(work.connection(), request.subjectId()));
        Instant at = now();
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
        Optional<ErasureReport> report = transaction(line.originId(), work -> {
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
            return Optional.of(answerIn(work, line.originId(), RequestType.ERASURE, this::answerErasure,
                    new Object[1]));
        });
        evictErased();
        return report;
    }

    /** Records the decision and its audit record, or refuses a line decided meanwhile. */
    private void record(UnitOfWork work, Decision line, Decision.Outcome outcome, String reason, String decidedBy) {
        Instant at = now();
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


    /**
     * After the transaction: the erasure statements ran over JDBC (see {@link Erasure}), and a shredded data key
     * erased values no statement touched, so the shared cache must not keep any entity's erased values, including
     * those a reader cached again between the statements and the commit.
     */
    private void evictErased() {
        runtime.mappings().forEach(m -> runtime.entityManagerFactory().getCache().evict(m.type()));
    }

    private static String count(List<ErasureReport.Line> lines, ErasureReport.Outcome outcome) {
        return Long.toString(lines.stream().filter(l -> l.outcome() == outcome).count());
    }

    // ---------------------------------------------------------------------------------------------------------

    /** What an answer produced, the request after it, and what to run once it is stored and audited (or null). */
    private record Outcome<T>(T value, DataSubjectRequest request, String detail, Work<?> then) {
        Outcome(T value, DataSubjectRequest request, String detail) { this(value, request, detail, null); }
    }

    @FunctionalInterface
    private interface Answer<T> {
        Outcome<T> answer(UnitOfWork work, DataSubjectRequest request) throws SQLException;
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(UnitOfWork work) throws SQLException;
    }

    /**
     * Loads the request, checks that it can be answered now, moves it to IN_PROGRESS, refuses it if its subject
     * is unknown, runs {@code answer} and stores the request's next state, all in one transaction.
     */
    private <T> T execute(String requestId, RequestType type, Answer<T> answer) {
        Object[] refused = new Object[1];
        T result = transaction(requestId, work -> answerIn(work, requestId, type, answer, refused));
        if (refused[0] != null) {
            throw new CustosException((Message) refused[0]);
        }
        return result;
    }

    /** The body of {@link #execute}, in {@code work}; a refusal is stored, audited and put in {@code refused[0]}. */
    private <T> T answerIn(UnitOfWork work, String requestId, RequestType type, Answer<T> answer, Object[] refused)
            throws SQLException {
        StoredRequest stored = requests.find(work.connection(), requestId)
                .orElseThrow(() -> new CustosException(RequestExecutionMessages.unknownRequest(requestId)));
        DataSubjectRequest request = stored.request();
        if (request.type() != type) {
            throw new CustosException(RequestExecutionMessages.wrongType(requestId, request.type().name(),
                    type.name()));
        }
        if (request.state().terminal()) {
            throw new CustosException(RequestExecutionMessages.requestClosed(requestId, request.state().name()));
        }
        if (request.state() == RequestState.RECEIVED) {
            throw new CustosException(RequestExecutionMessages.identityNotVerified(requestId,
                    request.state().name()));
        }
        if (request.state() == RequestState.IDENTITY_VERIFIED) {
            request = request.start(now(), ACTOR);
        }
        if (!knows(work, request.subjectId())) {
            Message reason = RequestExecutionMessages.unknownSubject(requestId);
            DataSubjectRequest refusal = request.refuse(now(), ACTOR, reason.toString(),
                    UNKNOWN_SUBJECT_CITATION);
            requests.update(work.connection(), stored, refusal);
            audit(work.connection(), refusal, AuditAction.REQUEST_REFUSED, reason.code());
            refused[0] = reason;
            return null;
        }
        Outcome<T> outcome;
        try (ProcessingContext.Scope scope = ProcessingContext.open(PURPOSE, Caller.system(ACTOR))) {
            outcome = answer.answer(work, request);
        }
        if (!outcome.request().equals(stored.request())) {
            requests.update(work.connection(), stored, outcome.request());
        }
        if (outcome.request().state() == RequestState.COMPLETED) {
            audit(work.connection(), outcome.request(), AuditAction.REQUEST_COMPLETED,
                    "request " + requestId + ": " + outcome.detail());
        }
        if (outcome.then() != null) {
            outcome.then().run(work);
        }
        return outcome.value();
    }

    /** The request completed now, as the answer's result too. */
    private Outcome<DataSubjectRequest> completed(DataSubjectRequest request, String detail) {
        DataSubjectRequest done = request.complete(now(), ACTOR);
        return new Outcome<>(done, done, detail);
    }

    private DataSubjectRequest move(String requestId, UnaryOperator<DataSubjectRequest> step) {
        return transaction(requestId, work -> {
            StoredRequest stored = requests.find(work.connection(), requestId)
                    .orElseThrow(() -> new CustosException(RequestExecutionMessages.unknownRequest(requestId)));
            DataSubjectRequest next = step.apply(stored.request());
            requests.update(work.connection(), stored, next);
            if (next.state() == RequestState.REFUSED) {
                audit(work.connection(), next, AuditAction.REQUEST_REFUSED, "request " + requestId);
            }
            return next;
        });
    }

    private <T> T transaction(String requestId, Work<T> body) {
        try {
            T result = runtime.transactions().inUnitTransaction(runtime.entityManagerFactory(), runtime.dataSource(),
                    (em, connection) -> body.run(new UnitOfWork(em, connection)));
            // a restriction, its lifting or a withdrawal committed: reading transactions must look again
            ReadScope.subjectStateChanged();
            return result;
        } catch (CustosException e) {
            throw e;
        } catch (PersistenceException e) {
            throw new CustosException(RequestExecutionMessages.executionFailed(requestId, SanitizedCause.describe(e)), e);
        }
    }

    private boolean knows(UnitOfWork work, String subjectId) {
        for (EntityMapping mapping : runtime.mappings()) {
            if (rows.count(work.em(), mapping, subjectId) > 0) {
                return true;
            }
        }
        return !ledger.events(work.connection(), subjectId).isEmpty();
    }

    private SubjectExport header(DataSubjectRequest request) {
        SubjectExport export = new SubjectExport(rows);
        export.json().beginObject()
                .field("request", request.id())
                .field("type", request.type().name())
                .field("right", request.type().right().citation())
                .field("subject", request.subjectId())
                .field("generatedAt", now().toString())
                .field("policyPack", runtime.pack().id());
        return export;
    }

    private String auditExport(UnitOfWork work, DataSubjectRequest request, SubjectExport export) {
        for (Map.Entry<String, List<String>> entity : export.exported().entrySet()) {
            String basis = runtime.model().entity(entity.getKey()).orElseThrow().attributes().stream()
                    .filter(a -> entity.getValue().contains(a.name())).map(a -> a.basis().citation()).distinct()
                    .sorted().collect(Collectors.joining("; "));
            String ref = keys.pseudonym(work.connection(), request.subjectId());
            writes.append(work.connection(), new AuditEvent(now(), ACTOR, ref, AuditAction.EXPORT, entity.getKey(), "",
                    entity.getValue(), PURPOSE, basis, AuditOutcome.DONE, "request " + request.id()));
        }
        return "exported " + export.exported().keySet();
    }

    private void withdraw(UnitOfWork work, DataSubjectRequest request, Set<String> purposes) {
        Instant at = now();
        String ref = keys.pseudonym(work.connection(), request.subjectId());
        for (String purpose : purposes) {
            ledger.record(work.connection(), ConsentEvent.withdrawn(request.subjectId(), purpose, at), ACTOR);
            writes.append(work.connection(), new AuditEvent(at, ACTOR, ref, AuditAction.CONSENT_WITHDRAWN, "", "",
                    List.of(), purpose, "", AuditOutcome.DONE, "request " + request.id()));
        }
    }

    private void auditRow(Connection connection, DataSubjectRequest request, AuditAction action,
                          EntityMapping mapping, Object id, List<String> attributes) {
        String basis = mapping.model().attributes().stream().filter(a -> attributes.contains(a.name()))
                .map(a -> a.basis().citation()).distinct().sorted().collect(Collectors.joining("; "));
        writes.append(connection, RowAudit.event(now(), ACTOR, request.subjectId(),
                keys.pseudonym(connection, request.subjectId()), action, mapping, id, attributes, PURPOSE, basis,
                AuditOutcome.DONE, "request " + request.id()));
    }

    private void audit(Connection connection, DataSubjectRequest request, AuditAction action, String detail) {
        writes.append(connection, new AuditEvent(now(), ACTOR, keys.pseudonym(connection, request.subjectId()),
                action, "", "", List.of(), PURPOSE, "", AuditOutcome.DONE, detail));
    }

    private Instant now() {
        return runtime.clock().instant();
    }
}
