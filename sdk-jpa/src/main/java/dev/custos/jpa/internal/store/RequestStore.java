// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.store;

import dev.custos.core.CustosException;
import dev.custos.core.audit.SubjectPseudonyms;
import dev.custos.core.request.DataSubjectRequest;
import dev.custos.core.request.RequestTransition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Data-subject requests, in {@code custos_request}, with every move in {@code custos_request_transition}
 * (which the database keeps append-only; {@link RequestHistory}). A loaded request is rebuilt by replaying its
 * stored moves through sdk-core's {@link DataSubjectRequest}, so a stored history that breaks the state machine's
 * rules is reported ({@code CUSTOS-04209}) rather than loaded.
 * <p>
 * Once the subject is erased ({@link #forgetSubject}), the subject id is cleared and the request keeps only
 * the subject's pseudonym: a loaded request then carries the pseudonym as its {@code subjectId}.
 * <p>
 * Instants are stored in UTC to the microsecond; finer digits are dropped.
 * <p>
 * <b>Transactions:</b> methods work on the caller's connection and never commit, roll back or close it.
 * Concurrent changes to one request are caught by the row's version (optimistic locking).
 * <p>
 * <b>Thread safety:</b> stateless and thread-safe; share one instance.
 */
public final class RequestStore {

    private static final String COLUMNS = "request_id, subject_id, subject_ref, request_type, state, received_at,"
            + " zone_id, deadline_at, deadline_basis, extended_deadline_at, refusal_reason, refusal_citation, version";

    private final SubjectKeys keys;

    public RequestStore(SubjectKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /**
     * Stores a new request with its moves so far, at version 1.
     *
     * @throws CustosException {@code CUSTOS-04206} if a request with its id is stored already
     */
    public StoredRequest insert(Connection connection, DataSubjectRequest request) {
        Objects.requireNonNull(request, "request");
        String subjectRef = keys.pseudonym(connection, request.subjectId());
        return Jdbc.run("Storing data-subject request " + request.id() + " in custos_request", () -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO custos_request (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)")) {
                insert.setString(1, request.id());
                insert.setString(2, request.subjectId());
                insert.setString(3, subjectRef);
                insert.setString(4, request.type().name());
                insert.setString(5, request.state().name());
                Jdbc.setInstant(insert, 6, request.receivedAt());
                insert.setString(7, request.zone().getId());
                Jdbc.setInstant(insert, 8, request.deadline().expiresAt());
                insert.setString(9, request.deadline().basis());
                Jdbc.setInstant(insert, 10, request.extendedDeadline().map(d -> d.expiresAt()));
                Jdbc.setText(insert, 11, request.refusalReason().orElse(null));
                Jdbc.setText(insert, 12, request.refusalCitation().orElse(null));
                if (!Jdbc.insertUnlessDuplicate(connection, insert)) {
                    throw new CustosException(StoreMessages.requestExists(request.id()));
                }
            }
            RequestHistory.append(connection, request, 0, subjectRef);
            return new StoredRequest(request, 1);
        });
    }

    /**
     * Stores {@code next}, the request after one or more moves from {@code previous}, if nobody changed it since
     * {@code previous} was loaded.
     *
     * @throws CustosException {@code CUSTOS-04207} if the stored version moved on, {@code CUSTOS-04208} if
     *                         {@code next} is not {@code previous} plus moves
     */
    public StoredRequest update(Connection connection, StoredRequest previous, DataSubjectRequest next) {
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(next, "next");
        DataSubjectRequest before = previous.request();
        List<RequestTransition> old = before.history();
        if (!before.id().equals(next.id()) || next.history().size() < old.size()
                || !next.history().subList(0, old.size()).equals(old)) {
            throw new CustosException(StoreMessages.requestHistoryRewritten(before.id()));
        }
        return Jdbc.run("Updating data-subject request " + next.id() + " in custos_request", () -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE custos_request SET state = ?,"
                    + " extended_deadline_at = ?, refusal_reason = ?, refusal_citation = ?, version = version + 1"
                    + " WHERE request_id = ? AND version = ?")) {
                update.setString(1, next.state().name());
                Jdbc.setInstant(update, 2, next.extendedDeadline().map(d -> d.expiresAt()));
                Jdbc.setText(update, 3, next.refusalReason().orElse(null));
                Jdbc.setText(update, 4, next.refusalCitation().orElse(null));
                update.setString(5, next.id());
                update.setLong(6, previous.version());
                if (update.executeUpdate() != 1) {
                    throw new CustosException(StoreMessages.requestChangedConcurrently(next.id(),
                            Long.toString(previous.version())));
                }
            }
            RequestHistory.append(connection, next, old.size(), selfRef(connection, next, old.size()));
            return new StoredRequest(next, previous.version() + 1);
        });
    }

    /** The request with id {@code requestId}, if stored. */
    public Optional<StoredRequest> find(Connection connection, String requestId) {
        Objects.requireNonNull(requestId, "requestId");
        return Jdbc.run("Loading data-subject request " + requestId + " from custos_request", () -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM custos_request WHERE request_id = ?")) {
                select.setString(1, requestId);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(RequestHistory.rebuild(connection, rows)) : Optional.<StoredRequest>empty();
                }
            }
        });
    }

    /** The requests not yet completed or refused, the most urgent (earliest deadline in force) first. */
    public List<StoredRequest> open(Connection connection) {
        return Jdbc.run("Listing open data-subject requests from custos_request", () -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT request_id FROM custos_request"
                    + " WHERE state NOT IN ('COMPLETED', 'REFUSED')"
                    + " ORDER BY COALESCE(extended_deadline_at, deadline_at), request_id");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            List<StoredRequest> requests = new ArrayList<>(ids.size());
            for (String id : ids) {
                find(connection, id).ifPresent(requests::add);
            }
            return requests;
        });
    }

    /**
     * Clears the subject id of every request of the subject, as part of erasing the subject; the requests keep
     * the subject's pseudonym. Run it before {@link SubjectKeys#shred}.
     *
     * @return how many requests were changed
     */
    public int forgetSubject(Connection connection, String subjectId) {
        Objects.requireNonNull(subjectId, "subjectId");
        return Jdbc.run("Clearing a subject id in custos_request", () -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE custos_request"
                    + " SET subject_id = NULL, version = version + 1 WHERE subject_id = ?")) {
                update.setString(1, subjectId);
                return update.executeUpdate();
            }
        });
    }

    /**
     * As {@link #forgetSubject}, for the subject's completed and refused requests only: a request still open must
     * go on reaching the subject. For a subject a retention sweep erased whole.
     *
     * @return how many requests were changed
     */
    public int forgetSubjectInClosedRequests(Connection connection, String subjectId) {
        Objects.requireNonNull(subjectId, "subjectId");
        return Jdbc.run("Clearing a subject id in custos_request", () -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE custos_request"
                    + " SET subject_id = NULL, version = version + 1 WHERE subject_id = ?"
                    + " AND state IN ('COMPLETED', 'REFUSED')")) {
                update.setString(1, subjectId);
                return update.executeUpdate();
            }
        });
    }

    /** Whether the subject has a request still open (neither completed nor refused), which must still reach it. */
    public boolean hasOpenRequest(Connection connection, String subjectId) {
        Objects.requireNonNull(subjectId, "subjectId");
        return Jdbc.run("Reading custos_request", () -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM custos_request"
                    + " WHERE subject_id = ? AND state NOT IN ('COMPLETED', 'REFUSED')")) {
                query.setString(1, subjectId);
                try (java.sql.ResultSet rows = query.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    /**
     * The subject's pseudonym when one of the moves from {@code from} on was made by the subject themself (a
     * self-service request the subject's login verified), else null: no key is made for nothing.
     */
    private String selfRef(Connection connection, DataSubjectRequest request, int from) {
        String subject = request.subjectId();
        boolean self = request.history().subList(from, request.history().size()).stream()
                .anyMatch(move -> move.actor().equals(subject));
        if (!self) {
            return null;
        }
        return SubjectPseudonyms.isPseudonym(subject) ? subject : keys.pseudonym(connection, subject);
    }
}
