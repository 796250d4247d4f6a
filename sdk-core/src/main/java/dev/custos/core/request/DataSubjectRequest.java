// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.request;

import dev.custos.core.CustosException;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A data-subject request: what was asked, when, by whom, where it stands, and when it must be answered.
 * <p>
 * Create one with {@link #receive}; it starts {@link RequestState#RECEIVED} with an empty history and the
 * deadline of {@link RequestDeadlines#deadline}. Each move ({@link #verifyIdentity}, {@link #start},
 * {@link #extend}, {@link #complete}, {@link #refuse}) returns a new instance with the move appended to
 * {@link #history()}, and throws a {@link CustosException} with a numbered message when the move is not
 * allowed (see {@link RequestState} for the allowed moves). Moves must be recorded in the order they
 * happened: a move dated before the previous one is refused.
 * <p>
 * Immutable and thread-safe. Equality covers every field. {@link #toString()} leaves out the subject id,
 * because request values end up in logs.
 */
public final class DataSubjectRequest {

    /** The longest request id Custos keeps ({@code custos_request.request_id}). */
    public static final int MAX_ID_LENGTH = 100;

    /** The longest subject id Custos keeps (the {@code subject_id} columns of its tables). */
    public static final int MAX_SUBJECT_ID_LENGTH = 200;

    private final String id;
    private final String subjectId;
    private final RequestType type;
    private final Instant receivedAt;
    private final ZoneId zone;
    private final RequestState state;
    private final Deadline deadline;
    private final Deadline extendedDeadline;
    private final List<RequestTransition> history;
    private final String refusalReason;
    private final String refusalCitation;

    private DataSubjectRequest(DataSubjectRequest before, RequestState state, Deadline extendedDeadline,
                               List<RequestTransition> history, String refusalReason, String refusalCitation) {
        this(before.id, before.subjectId, before.type, before.receivedAt, before.zone, state, before.deadline,
                extendedDeadline, history, refusalReason, refusalCitation);
    }

    private DataSubjectRequest(String id, String subjectId, RequestType type, Instant receivedAt, ZoneId zone,
                               RequestState state, Deadline deadline, Deadline extendedDeadline,
                               List<RequestTransition> history, String refusalReason, String refusalCitation) {
        this.id = id;
        this.subjectId = subjectId;
        this.type = type;
        this.receivedAt = receivedAt;
        this.zone = zone;
        this.state = state;
        this.deadline = deadline;
        this.extendedDeadline = extendedDeadline;
        this.history = List.copyOf(history);
        this.refusalReason = refusalReason;
        this.refusalCitation = refusalCitation;
    }

    /**
     * Records a request that has just arrived.
     *
     * @param id             the request's id, unique for the controller (for example a ticket number)
     * @param subjectId      the id of the data subject the request concerns
     * @param type           what is asked for
     * @param receivedAt     when it arrived; the deadline runs from this day, in {@code zone}
     * @param zone           the controller's time zone, from the policy pack (for example {@code Europe/Oslo})
     * @param promisedWithin a shorter answering period the policy pack promises, if any (for example
     *                       {@code P30D}); see {@link RequestDeadlines#deadline}
     * @throws CustosException if the id or subject id is blank or longer than Custos keeps ({@link #MAX_ID_LENGTH},
     *                         {@link #MAX_SUBJECT_ID_LENGTH}), or the promised period is not positive
     */
    public static DataSubjectRequest receive(String id, String subjectId, RequestType type, Instant receivedAt,
                                             ZoneId zone, Optional<Period> promisedWithin) {
        if (isBlank(id)) {
            throw new CustosException(RequestMessages.blankRequestId());
        }
        if (id.length() > MAX_ID_LENGTH) {
            // the id is not echoed: at this length it is no id anybody gave on purpose
            throw new CustosException(RequestMessages.requestIdTooLong(Integer.toString(id.length()),
                    Integer.toString(MAX_ID_LENGTH)));
        }
        if (isBlank(subjectId)) {
            throw new CustosException(RequestMessages.blankSubjectId(id));
        }
        if (subjectId.length() > MAX_SUBJECT_ID_LENGTH) {
            throw new CustosException(RequestMessages.subjectIdTooLong(id, Integer.toString(subjectId.length()),
                    Integer.toString(MAX_SUBJECT_ID_LENGTH)));
        }
        Objects.requireNonNull(type, "type");
        Deadline deadline = RequestDeadlines.deadline(receivedAt, zone, promisedWithin);
        return new DataSubjectRequest(id, subjectId, type, receivedAt, zone, RequestState.RECEIVED, deadline, null,
                List.of(), null, null);
    }

    /** Records that the requester was identified as the data subject: RECEIVED to IDENTITY_VERIFIED. */
    public DataSubjectRequest verifyIdentity(Instant at, String actor) {
        return moveTo(RequestState.IDENTITY_VERIFIED, at, actor, null, null);
    }

    /** Records that work on the answer has started: IDENTITY_VERIFIED to IN_PROGRESS. */
    public DataSubjectRequest start(Instant at, String actor) {
        return moveTo(RequestState.IN_PROGRESS, at, actor, null, null);
    }

    /**
     * Extends the deadline by two further months (GDPR Art. 12(3)): IN_PROGRESS to EXTENDED, at most once, and
     * only before the {@link #deadline()} (which may be a policy pack's promise, shorter than the legal month),
     * because the subject must be told of the extension within that period.
     *
     * @param reason why more time is needed, as it is told to the subject
     */
    public DataSubjectRequest extend(Instant at, String actor, String reason) {
        return moveTo(RequestState.EXTENDED, at, actor, reason, null);
    }

    /** Records that the request has been answered: IN_PROGRESS or EXTENDED to COMPLETED. */
    public DataSubjectRequest complete(Instant at, String actor) {
        return moveTo(RequestState.COMPLETED, at, actor, null, null);
    }

    /**
     * Refuses to act on the request, from any state that is not terminal. From RECEIVED this is the refusal of a
     * requester who could not be identified (GDPR Art. 11(2), 12(2) and 12(6)). The subject must be told the
     * reason and of the right to complain (Art. 12(4)), so both a reason and a citation are required.
     *
     * @param reason   why the controller does not act, as it is told to the subject
     * @param citation the provision the refusal rests on, for example {@code GDPR Art. 17(3)(b)}
     */
    public DataSubjectRequest refuse(Instant at, String actor, String reason, String citation) {
        return moveTo(RequestState.REFUSED, at, actor, reason, citation);
    }

    /**
     * The single place every move is checked and applied. Package-private so that tests can try every pair
     * of states, including moves back to RECEIVED, which no public method offers.
     */
    DataSubjectRequest moveTo(RequestState target, Instant at, String actor, String reason, String citation) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(at, "at");
        if (state == RequestState.EXTENDED && target == RequestState.EXTENDED) {
            throw new CustosException(RequestMessages.alreadyExtended(id, extendedAt().toString(),
                    extendedDeadline.lastDay().toString()));
        }
        if (!state.canMoveTo(target)) {
            throw new CustosException(RequestMessages.illegalTransition(id, state.name(), target.name(),
                    describe(state)));
        }
        if (isBlank(actor)) {
            throw new CustosException(RequestMessages.blankActor(id, target.name()));
        }
        if (target == RequestState.EXTENDED && isBlank(reason)) {
            throw new CustosException(RequestMessages.extensionWithoutReason(id));
        }
        if (target == RequestState.REFUSED && isBlank(reason)) {
            throw new CustosException(RequestMessages.refusalWithoutReason(id));
        }
        if (target == RequestState.REFUSED && isBlank(citation)) {
            throw new CustosException(RequestMessages.refusalWithoutCitation(id));
        }
        Instant lastEventAt = history.isEmpty() ? receivedAt : history.get(history.size() - 1).at();
        if (at.isBefore(lastEventAt)) {
            throw new CustosException(RequestMessages.moveBeforeLastEvent(id, target.name(), at.toString(),
                    lastEventAt.toString()));
        }
        if (target == RequestState.EXTENDED && deadline.passed(at)) {
            throw new CustosException(RequestMessages.extensionTooLate(id, at.toString(),
                    deadline.lastDay().toString()));
        }
        boolean needsReason = target == RequestState.EXTENDED || target == RequestState.REFUSED;
        List<RequestTransition> moves = new ArrayList<>(history);
        moves.add(new RequestTransition(state, target, at, actor,
                needsReason ? Optional.of(reason) : Optional.empty()));
        Deadline extended = target == RequestState.EXTENDED ? RequestDeadlines.extended(receivedAt, zone)
                : extendedDeadline;
        return target == RequestState.REFUSED
                ? new DataSubjectRequest(this, target, extended, moves, reason, citation)
                : new DataSubjectRequest(this, target, extended, moves, null, null);
    }

    /** Whether an open request has passed its {@link #currentDeadline()} at {@code now}; false once closed. */
    public boolean overdue(Instant now) {
        return !state.terminal() && currentDeadline().passed(now);
    }

    /**
     * The time from {@code now} to the {@link #currentDeadline()}, negative once it has passed. It is measured
     * whatever the state, so for a closed request it says how far the deadline is from {@code now}, not
     * whether the answer was late.
     */
    public Duration timeLeft(Instant now) {
        return currentDeadline().left(now);
    }

    /** The deadline in force: the extended one after an extension, otherwise {@link #deadline()}. */
    public Deadline currentDeadline() {
        return extendedDeadline != null ? extendedDeadline : deadline;
    }

    public String id() {
        return id;
    }

    public String subjectId() {
        return subjectId;
    }

    public RequestType type() {
        return type;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    /** The controller's time zone, in which the deadlines are counted. */
    public ZoneId zone() {
        return zone;
    }

    public RequestState state() {
        return state;
    }

    /** The original deadline: one month, or a policy pack's shorter promise. Unchanged by an extension. */
    public Deadline deadline() {
        return deadline;
    }

    /** The deadline after an extension; empty unless the request was extended. */
    public Optional<Deadline> extendedDeadline() {
        return Optional.ofNullable(extendedDeadline);
    }

    /** Every move so far, oldest first; empty for a request just received. Unmodifiable. */
    public List<RequestTransition> history() {
        return history;
    }

    /** Why the request was refused; empty unless it is {@link RequestState#REFUSED}. */
    public Optional<String> refusalReason() {
        return Optional.ofNullable(refusalReason);
    }

    /** The provision the refusal rests on; empty unless the request is {@link RequestState#REFUSED}. */
    public Optional<String> refusalCitation() {
        return Optional.ofNullable(refusalCitation);
    }

    private Instant extendedAt() {
        return history.stream().filter(t -> t.to() == RequestState.EXTENDED).findFirst().orElseThrow().at();
    }

    private static String describe(RequestState state) {
        return state.terminal() ? "none"
                : state.allowedNext().stream().map(RequestState::name).collect(Collectors.joining(", "));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DataSubjectRequest that
                && id.equals(that.id)
                && subjectId.equals(that.subjectId)
                && type == that.type
                && receivedAt.equals(that.receivedAt)
                && zone.equals(that.zone)
                && state == that.state
                && deadline.equals(that.deadline)
                && Objects.equals(extendedDeadline, that.extendedDeadline)
                && history.equals(that.history)
                && Objects.equals(refusalReason, that.refusalReason)
                && Objects.equals(refusalCitation, that.refusalCitation);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, subjectId, type, receivedAt, zone, state, deadline, extendedDeadline, history,
                refusalReason, refusalCitation);
    }

    @Override
    public String toString() {
        return "DataSubjectRequest[id=" + id + ", type=" + type + ", state=" + state + ", receivedAt=" + receivedAt
                + ", deadline=" + currentDeadline().lastDay() + "]";
    }
}
