// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.request;

import dev.custos.core.CustosException;
import dev.custos.core.Message;
import dev.custos.core.audit.AuditAction;
import dev.custos.core.audit.AuditEvent;
import dev.custos.core.audit.AuditOutcome;
import dev.custos.core.request.DataSubjectRequest;
import dev.custos.core.request.RequestState;
import dev.custos.core.request.RequestType;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.EntityMapping;
import dev.custos.jpa.internal.Erasure;
import dev.custos.jpa.internal.SanitizedCause;
import dev.custos.jpa.access.Caller;
import dev.custos.jpa.access.ProcessingContext;
import dev.custos.jpa.internal.ReadScope;
import dev.custos.jpa.internal.store.AuditTrail;
import dev.custos.jpa.internal.store.ConsentLedger;
import dev.custos.jpa.internal.store.RequestStore;
import dev.custos.jpa.internal.store.StoredRequest;
import dev.custos.jpa.internal.store.SubjectKeys;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

import static dev.custos.jpa.request.RequestExecutor.ACTOR;
import static dev.custos.jpa.request.RequestExecutor.PURPOSE;

/**
 * The one transaction each step of a request runs in: loads the request and checks it can be answered now, refuses
 * it when its subject is unknown, runs the answer under the executor's purpose, stores the request's next state
 * and audits it. Thread-safe: every call works on its own entity manager and transaction.
 */
final class RequestTransactions {

    private static final String UNKNOWN_SUBJECT_CITATION = "GDPR Art. 11(2)";

    private final CustosRuntime runtime;
    private final SubjectKeys keys;
    private final RequestStore requests;
    private final ConsentLedger ledger;
    private final AuditTrail writes;
    private final SubjectRows rows;

    RequestTransactions(CustosRuntime runtime, SubjectKeys keys, RequestStore requests, ConsentLedger ledger,
                        AuditTrail writes, SubjectRows rows) {
        this.runtime = runtime;
        this.keys = keys;
        this.requests = requests;
        this.ledger = ledger;
        this.writes = writes;
        this.rows = rows;
    }

    /** What an answer produced, the request after it, and what to run once it is stored and audited (or null). */
    record Outcome<T>(T value, DataSubjectRequest request, String detail, Work<?> then) {
        Outcome(T value, DataSubjectRequest request, String detail) { this(value, request, detail, null); }
    }

    @FunctionalInterface
    interface Answer<T> {
        Outcome<T> answer(UnitOfWork work, DataSubjectRequest request) throws SQLException;
    }

    @FunctionalInterface
    interface Work<T> {
        T run(UnitOfWork work) throws SQLException;
    }

    /**
     * Loads the request, checks that it can be answered now, moves it to IN_PROGRESS, refuses it if its subject
     * is unknown, runs {@code answer} and stores the request's next state, all in one transaction.
     */
    <T> T execute(String requestId, RequestType type, Answer<T> answer) {
        Object[] refused = new Object[1];
        T result = transaction(requestId, work -> answerIn(work, requestId, type, answer, refused));
        if (refused[0] != null) {
            throw new CustosException((Message) refused[0]);
        }
        return result;
    }

    /** The body of {@link #execute}, in {@code work}; a refusal is stored, audited and put in {@code refused[0]}. */
    <T> T answerIn(UnitOfWork work, String requestId, RequestType type, Answer<T> answer, Object[] refused)
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
    Outcome<DataSubjectRequest> completed(DataSubjectRequest request, String detail) {
        DataSubjectRequest done = request.complete(now(), ACTOR);
        return new Outcome<>(done, done, detail);
    }

    DataSubjectRequest move(String requestId, UnaryOperator<DataSubjectRequest> step) {
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


    <T> T transaction(String requestId, Work<T> body) {
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

    void audit(Connection connection, DataSubjectRequest request, AuditAction action, String detail) {
        writes.append(connection, new AuditEvent(now(), ACTOR, keys.pseudonym(connection, request.subjectId()),
                action, "", "", List.of(), PURPOSE, "", AuditOutcome.DONE, detail));
    }

    Instant now() {
        return runtime.clock().instant();
    }

    /**
     * After the transaction: the erasure statements ran over JDBC (see {@link Erasure}), and a shredded data key
     * erased values no statement touched, so the shared cache must not keep any entity's erased values, including
     * those a reader cached again between the statements and the commit.
     */
    void evictErased() {
        runtime.mappings().forEach(m -> runtime.entityManagerFactory().getCache().evict(m.type()));
    }
}
