// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.request;

import static dev.custos.core.request.Requests.ACTOR;
import static dev.custos.core.request.Requests.COPENHAGEN;
import static dev.custos.core.request.Requests.DEADLINE_EXPIRES;
import static dev.custos.core.request.Requests.RECEIVED_AT;
import static dev.custos.core.request.Requests.hoursLater;
import static dev.custos.core.request.Requests.in;
import static dev.custos.core.request.Requests.received;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.CustosException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DataSubjectRequestTest {

    @Test
    void receivedRequestHasTheLegalDeadlineAndNoHistory() {
        DataSubjectRequest request = received();

        assertThat(request.id()).isEqualTo("REQ-1");
        assertThat(request.subjectId()).isEqualTo("subject-7");
        assertThat(request.type()).isEqualTo(RequestType.ACCESS);
        assertThat(request.receivedAt()).isEqualTo(RECEIVED_AT);
        assertThat(request.zone()).isEqualTo(COPENHAGEN);
        assertThat(request.state()).isEqualTo(RequestState.RECEIVED);
        assertThat(request.deadline().lastDay()).isEqualTo(LocalDate.of(2025, 4, 15));
        assertThat(request.currentDeadline()).isEqualTo(request.deadline());
        assertThat(request.extendedDeadline()).isEmpty();
        assertThat(request.history()).isEmpty();
        assertThat(request.refusalReason()).isEmpty();
        assertThat(request.refusalCitation()).isEmpty();
    }

    @Test
    void happyPathRecordsEveryMove() {
        DataSubjectRequest done = received()
                .verifyIdentity(hoursLater(1), "clerk")
                .start(hoursLater(2), "case-worker")
                .complete(hoursLater(3), "dpo");

        assertThat(done.state()).isEqualTo(RequestState.COMPLETED);
        assertThat(done.history()).containsExactly(
                new RequestTransition(RequestState.RECEIVED, RequestState.IDENTITY_VERIFIED, hoursLater(1), "clerk",
                        Optional.empty()),
                new RequestTransition(RequestState.IDENTITY_VERIFIED, RequestState.IN_PROGRESS, hoursLater(2),
                        "case-worker", Optional.empty()),
                new RequestTransition(RequestState.IN_PROGRESS, RequestState.COMPLETED, hoursLater(3), "dpo",
                        Optional.empty()));
    }

    @Test
    void movesReturnNewInstancesAndLeaveTheOriginalUnchanged() {
        DataSubjectRequest original = received();
        DataSubjectRequest verified = original.verifyIdentity(hoursLater(1), ACTOR);

        assertThat(original.state()).isEqualTo(RequestState.RECEIVED);
        assertThat(original.history()).isEmpty();
        assertThat(verified).isNotSameAs(original).isNotEqualTo(original);
        assertThat(verified).isEqualTo(received().verifyIdentity(hoursLater(1), ACTOR))
                .hasSameHashCodeAs(received().verifyIdentity(hoursLater(1), ACTOR));
    }

    @Test
    void extensionSetsTheExtendedDeadlineAndRecordsTheReason() {
        DataSubjectRequest extended = in(RequestState.IN_PROGRESS).extend(hoursLater(3), ACTOR, "Many requests");

        assertThat(extended.state()).isEqualTo(RequestState.EXTENDED);
        assertThat(extended.deadline().lastDay()).isEqualTo(LocalDate.of(2025, 4, 15));
        assertThat(extended.extendedDeadline()).map(Deadline::lastDay).contains(LocalDate.of(2025, 6, 15));
        assertThat(extended.currentDeadline()).isEqualTo(extended.extendedDeadline().orElseThrow());
        assertThat(extended.history()).last().isEqualTo(new RequestTransition(RequestState.IN_PROGRESS,
                RequestState.EXTENDED, hoursLater(3), ACTOR, Optional.of("Many requests")));

        DataSubjectRequest completed = extended.complete(hoursLater(4), ACTOR);
        assertThat(completed.state()).isEqualTo(RequestState.COMPLETED);
        assertThat(completed.extendedDeadline()).isEqualTo(extended.extendedDeadline());
        assertThat(completed.history()).hasSize(4);
    }

    @Test
    void extensionOf31JanuaryRunsTo30April() {
        Instant received = Instant.parse("2025-01-31T09:00:00Z");
        DataSubjectRequest extended = DataSubjectRequest
                .receive("REQ-2", "subject-7", RequestType.ERASURE, received, COPENHAGEN, Optional.empty())
                .verifyIdentity(received.plusSeconds(60), ACTOR)
                .start(received.plusSeconds(120), ACTOR)
                .extend(Instant.parse("2025-02-20T09:00:00Z"), ACTOR, "Records are spread over three systems");

        assertThat(extended.deadline().lastDay()).isEqualTo(LocalDate.of(2025, 2, 28));
        assertThat(extended.currentDeadline().lastDay()).isEqualTo(LocalDate.of(2025, 4, 30));
        assertThat(extended.currentDeadline().expiresAt()).isEqualTo(Instant.parse("2025-04-30T22:00:00Z"));
    }

    @Test
    void extensionIsAllowedOnlyOnce() {
        DataSubjectRequest extended = in(RequestState.EXTENDED);

        assertThatThrownBy(() -> extended.extend(hoursLater(4), ACTOR, "Still more work"))
                .isInstanceOfSatisfying(CustosException.class,
                        ex -> assertThat(ex.messageId()).isEqualTo("CUSTOS-02205"))
                .hasMessageContaining("REQ-1")
                .hasMessageContaining("2025-06-15");
    }

    @Test
    void extensionIsAllowedUpToTheLastMomentBeforeTheDeadline() {
        DataSubjectRequest extended = in(RequestState.IN_PROGRESS)
                .extend(DEADLINE_EXPIRES.minusNanos(1), ACTOR, "Complex request");

        assertThat(extended.state()).isEqualTo(RequestState.EXTENDED);
    }

    @Test
    void extensionIsRefusedOnceTheDeadlineHasPassed() {
        DataSubjectRequest inProgress = in(RequestState.IN_PROGRESS);

        assertThatThrownBy(() -> inProgress.extend(DEADLINE_EXPIRES, ACTOR, "Complex request"))
                .isInstanceOfSatisfying(CustosException.class,
                        ex -> assertThat(ex.messageId()).isEqualTo("CUSTOS-02206"))
                .hasMessageContaining("2025-04-15");
    }

    @Test
    void extensionMustComeBeforeAShorterPromisedDeadline() {
        // Oslo with the 30-day promise: received 1 January, promised by 31 January, legal month to 1 February.
        ZoneId oslo = ZoneId.of("Europe/Oslo");
        Instant received = Instant.parse("2025-01-01T09:00:00Z");
        DataSubjectRequest inProgress = DataSubjectRequest
                .receive("REQ-3", "subject-7", RequestType.ACCESS, received, oslo, Optional.of(Period.ofDays(30)))
                .verifyIdentity(received.plusSeconds(60), ACTOR)
                .start(received.plusSeconds(120), ACTOR);
        assertThat(inProgress.deadline().lastDay()).isEqualTo(LocalDate.of(2025, 1, 31));

        assertThatThrownBy(() -> inProgress.extend(Instant.parse("2025-02-01T09:00:00Z"), ACTOR, "Complex"))
                .isInstanceOfSatisfying(CustosException.class,
                        ex -> assertThat(ex.messageId()).isEqualTo("CUSTOS-02206"));
        DataSubjectRequest extended = inProgress.extend(Instant.parse("2025-01-31T09:00:00Z"), ACTOR, "Complex");
        assertThat(extended.currentDeadline().lastDay()).isEqualTo(LocalDate.of(2025, 4, 1));
    }

    @Test
    void refusalRecordsReasonAndCitation() {
        DataSubjectRequest refused = in(RequestState.IN_PROGRESS)
                .refuse(hoursLater(3), ACTOR, "The journal must be kept", "GDPR Art. 17(3)(b)");

        assertThat(refused.state()).isEqualTo(RequestState.REFUSED);
        assertThat(refused.refusalReason()).contains("The journal must be kept");
        assertThat(refused.refusalCitation()).contains("GDPR Art. 17(3)(b)");
        assertThat(refused.history()).last().isEqualTo(new RequestTransition(RequestState.IN_PROGRESS,
                RequestState.REFUSED, hoursLater(3), ACTOR, Optional.of("The journal must be kept")));
    }

    @Test
    void unidentifiedRequesterCanBeRefusedStraightAway() {
        DataSubjectRequest refused = received()
                .refuse(hoursLater(1), ACTOR, "Identity could not be verified", "GDPR Art. 11(2)");

        assertThat(refused.state()).isEqualTo(RequestState.REFUSED);
        assertThat(refused.history()).singleElement()
                .extracting(RequestTransition::from, RequestTransition::to)
                .containsExactly(RequestState.RECEIVED, RequestState.REFUSED);
    }

    static Stream<Arguments> allowedMoves() {
        return pairs().filter(pair -> ((RequestState) pair.get()[0]).canMoveTo((RequestState) pair.get()[1]));
    }

    static Stream<Arguments> forbiddenMoves() {
        return pairs().filter(pair -> !((RequestState) pair.get()[0]).canMoveTo((RequestState) pair.get()[1]));
    }

    private static Stream<Arguments> pairs() {
        return Arrays.stream(RequestState.values()).flatMap(from -> Arrays.stream(RequestState.values())
                .map(to -> Arguments.of(from, to)));
    }

    @Test
    void allowedAndForbiddenMovesCoverEveryPair() {
        assertThat(allowedMoves().count()).isEqualTo(9);
        assertThat(forbiddenMoves().count()).isEqualTo(36 - 9);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("allowedMoves")
    void everyAllowedMoveWorksAndIsRecorded(RequestState from, RequestState to) {
        DataSubjectRequest before = in(from);
        Instant at = hoursLater(10);

        DataSubjectRequest after = Requests.move(before, to, at);

        assertThat(after.state()).isEqualTo(to);
        assertThat(after.history()).hasSize(before.history().size() + 1);
        assertThat(after.history().subList(0, before.history().size())).isEqualTo(before.history());
        RequestTransition last = after.history().get(after.history().size() - 1);
        assertThat(last.from()).isEqualTo(from);
        assertThat(last.to()).isEqualTo(to);
        assertThat(last.at()).isEqualTo(at);
        assertThat(last.actor()).isEqualTo(ACTOR);
        assertThat(last.reason().isPresent()).isEqualTo(to == RequestState.EXTENDED || to == RequestState.REFUSED);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("forbiddenMoves")
    void everyForbiddenMoveIsRefusedNamingTheAllowedStates(RequestState from, RequestState to) {
        DataSubjectRequest before = in(from);
        // Extending twice has its own message, which says that Art. 12(3) allows one extension.
        String expected = from == RequestState.EXTENDED && to == RequestState.EXTENDED
                ? "CUSTOS-02205" : "CUSTOS-02204";

        assertThatThrownBy(() -> Requests.move(before, to, hoursLater(10)))
                .isInstanceOfSatisfying(CustosException.class, ex -> {
                    assertThat(ex.messageId()).isEqualTo(expected);
                    assertThat(ex.getMessage()).contains("REQ-1");
                    if (expected.equals("CUSTOS-02204")) {
                        assertThat(ex.getMessage()).contains(" is " + from + " ", " become " + to + ";");
                        from.allowedNext().forEach(next -> assertThat(ex.getMessage()).contains(next.name()));
                        if (from.terminal()) {
                            assertThat(ex.getMessage()).contains("allowed next states are: none");
                        }
                    }
                });
    }

    @Test
    void openRequestIsOverdueFromTheStartOfTheDayAfterTheLastDay() {
        DataSubjectRequest request = in(RequestState.IN_PROGRESS);

        assertThat(request.overdue(DEADLINE_EXPIRES.minusSeconds(3600))).isFalse();
        assertThat(request.timeLeft(DEADLINE_EXPIRES.minusSeconds(3600))).isEqualTo(Duration.ofHours(1));
        assertThat(request.overdue(DEADLINE_EXPIRES)).isTrue();
        assertThat(request.timeLeft(DEADLINE_EXPIRES)).isZero();
        assertThat(request.overdue(DEADLINE_EXPIRES.plusSeconds(7200))).isTrue();
        assertThat(request.timeLeft(DEADLINE_EXPIRES.plusSeconds(7200))).isEqualTo(Duration.ofHours(-2));
    }

    @Test
    void extendedRequestIsMeasuredAgainstTheExtendedDeadline() {
        DataSubjectRequest extended = in(RequestState.EXTENDED);
        Instant extendedExpires = Instant.parse("2025-06-15T22:00:00Z");

        assertThat(extended.overdue(DEADLINE_EXPIRES.plusSeconds(86_400))).isFalse();
        assertThat(extended.timeLeft(extendedExpires.minusSeconds(60))).isEqualTo(Duration.ofMinutes(1));
        assertThat(extended.overdue(extendedExpires)).isTrue();
    }

    @Test
    void closedRequestsAreNeverOverdue() {
        Instant late = DEADLINE_EXPIRES.plusSeconds(86_400);

        assertThat(in(RequestState.COMPLETED).overdue(late)).isFalse();
        assertThat(in(RequestState.REFUSED).overdue(late)).isFalse();
        assertThat(in(RequestState.COMPLETED).timeLeft(late)).isNegative();
    }

    @Test
    void toStringLeavesOutTheSubject() {
        assertThat(received().toString()).contains("REQ-1", "ACCESS", "RECEIVED").doesNotContain("subject-7");
    }
}
