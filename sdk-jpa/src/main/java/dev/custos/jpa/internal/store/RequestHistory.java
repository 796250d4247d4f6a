// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.store;

import dev.custos.core.CustosException;
import dev.custos.core.request.DataSubjectRequest;
import dev.custos.core.request.RequestDeadlines;
import dev.custos.core.request.RequestState;
import dev.custos.core.request.RequestTransition;
import dev.custos.core.request.RequestType;
import dev.custos.jpa.internal.SanitizedCause;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The moves of {@link RequestStore}'s requests, in the append-only {@code custos_request_transition}: appended as a
 * request moves, and replayed through sdk-core's {@link DataSubjectRequest} to rebuild a loaded request, so that a
 * stored history breaking the state machine's rules is reported ({@code CUSTOS-04209}), never loaded. Works on the
 * caller's connection. Stateless.
 */
final class RequestHistory {

    private RequestHistory() {
    }

    /**
     * Appends the moves from {@code from} on. A move the subject made themself is recorded by the subject's
     * pseudonym {@code subjectRef}, as the audit trail names such actors: the table is append-only and outlives
     * the subject's erasure. {@link #rebuild} maps it back while the request still holds the subject's id.
     */
    static void append(Connection connection, DataSubjectRequest request, int from, String subjectRef)
            throws SQLException {
        List<RequestTransition> history = request.history();
        if (from == history.size()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO custos_request_transition"
                + " (request_id, transition_seq, from_state, to_state, occurred_at, actor, reason)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = from; i < history.size(); i++) {
                RequestTransition move = history.get(i);
                insert.setString(1, request.id());
                insert.setInt(2, i + 1);
                insert.setString(3, move.from().name());
                insert.setString(4, move.to().name());
                Jdbc.setInstant(insert, 5, move.at());
                insert.setString(6, subjectRef != null && move.actor().equals(request.subjectId()) ? subjectRef
                        : move.actor());
                Jdbc.setText(insert, 7, move.reason().orElse(null));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The request of {@code row} of {@code custos_request}, its stored moves replayed. */
    static StoredRequest rebuild(Connection connection, ResultSet row) throws SQLException {
        String id = row.getString("request_id");
        String subject = row.getString("subject_id");
        if (subject == null) {
            subject = row.getString("subject_ref");
        }
        try {
            String basis = row.getString("deadline_basis");
            Optional<Period> promise = basis.startsWith(RequestDeadlines.PROMISE_BASIS_PREFIX)
                    ? Optional.of(Period.parse(basis.substring(RequestDeadlines.PROMISE_BASIS_PREFIX.length())))
                    : Optional.empty();
            DataSubjectRequest request = DataSubjectRequest.receive(id, subject,
                    RequestType.valueOf(row.getString("request_type")), Jdbc.getInstant(row, "received_at"),
                    ZoneId.of(row.getString("zone_id")), promise);
            if (!request.deadline().expiresAt().equals(Jdbc.getInstant(row, "deadline_at"))) {
                throw new IllegalStateException("deadline_at differs from the deadline computed from received_at");
            }
            String citation = row.getString("refusal_citation");
            try (PreparedStatement select = connection.prepareStatement("SELECT transition_seq, from_state,"
                    + " to_state, occurred_at, actor, reason FROM custos_request_transition WHERE request_id = ?"
                    + " ORDER BY transition_seq")) {
                select.setString(1, id);
                try (ResultSet moves = select.executeQuery()) {
                    while (moves.next()) {
                        request = replay(request, moves, citation, row.getString("subject_ref"), subject);
                    }
                }
            }
            if (request.state() != RequestState.valueOf(row.getString("state"))) {
                throw new IllegalStateException("state " + row.getString("state") + " differs from the history's "
                        + request.state());
            }
            return new StoredRequest(request, row.getLong("version"));
        } catch (CustosException | IllegalArgumentException | IllegalStateException e) {
            throw new CustosException(StoreMessages.requestUnreadable(id, SanitizedCause.describe(e)), e);
        }
    }

    /** The request after {@code move}; the subject's own moves, stored by {@code subjectRef}, by {@code subject}. */
    private static DataSubjectRequest replay(DataSubjectRequest request, ResultSet move, String citation,
                                             String subjectRef, String subject) throws SQLException {
        RequestState from = RequestState.valueOf(move.getString("from_state"));
        RequestState to = RequestState.valueOf(move.getString("to_state"));
        if (from != request.state() || move.getInt("transition_seq") != request.history().size() + 1) {
            throw new IllegalStateException("move " + move.getInt("transition_seq") + " starts from " + from
                    + ", but the request is " + request.state() + " after " + request.history().size() + " moves");
        }
        Instant at = Jdbc.getInstant(move, "occurred_at");
        String stored = move.getString("actor");
        String actor = stored.equals(subjectRef) ? subject : stored;
        String reason = move.getString("reason");
        return switch (to) {
            case IDENTITY_VERIFIED -> request.verifyIdentity(at, actor);
            case IN_PROGRESS -> request.start(at, actor);
            case EXTENDED -> request.extend(at, actor, reason);
            case COMPLETED -> request.complete(at, actor);
            case REFUSED -> request.refuse(at, actor, reason, citation);
            case RECEIVED -> throw new IllegalStateException("move " + move.getInt("transition_seq")
                    + " goes back to RECEIVED");
        };
    }
}
