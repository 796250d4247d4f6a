// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.custos.core.CustosException;
import dev.custos.core.request.DataSubjectRequest;
import dev.custos.core.request.RequestState;
import dev.custos.core.request.RequestType;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.ProviderMatrix;
import java.time.Duration;
import java.time.LocalDate;

/** Receiving requests, their deadlines, the identity check, and refusing requests about unknown subjects. */
class RequestLifecycleTest {

    @ProviderMatrix
    void aRequestDatedAheadOfTheClockIsRefusedAndNothingStored(JpaUnit unit) throws Exception {
        try (RequestFixture f = new RequestFixture(unit)) {
            dev.custos.core.CustosException ahead = org.assertj.core.api.Assertions.catchThrowableOfType(
                    () -> f.executor.receive("r-9", RequestType.ACCESS, "c1",
                            RequestFixture.NOW.plus(Duration.ofDays(30))), dev.custos.core.CustosException.class);
            assertThat(ahead.messageId()).isEqualTo("CUSTOS-04725");
            assertThat(f.executor.find("r-9")).isEmpty();
            // a clock a little behind the caller's is fine
            assertThat(f.executor.receive("r-8", RequestType.ACCESS, "c1",
                    RequestFixture.NOW.plus(Duration.ofMinutes(2))).state()).isEqualTo(RequestState.RECEIVED);
        }
    }

    @ProviderMatrix
    void aReceivedRequestIsStoredWithTheCalendarMonthDeadlineAndListedUntilAnswered(JpaUnit unit) throws Exception {
        try (RequestFixture f = new RequestFixture(unit)) {
            DataSubjectRequest earlier = f.executor.receive("r-2", RequestType.ACCESS, "c2",
                    RequestFixture.NOW.minus(Duration.ofDays(3)));
            DataSubjectRequest first = f.executor.receive("r-1", RequestType.RESTRICTION, "c1", RequestFixture.NOW);

            assertThat(first.state()).isEqualTo(RequestState.RECEIVED);
            assertThat(first.zone().getId()).isEqualTo("Europe/Copenhagen");
            assertThat(first.deadline().lastDay()).isEqualTo(LocalDate.of(2026, 4, 2));
            assertThat(first.deadline().basis()).contains("Art. 12(3)");
            assertThat(f.executor.find("r-1")).contains(first);
            assertThat(f.executor.openRequests()).extracting(DataSubjectRequest::id).containsExactly("r-2", "r-1");
            assertThat(f.executor.openRequests().get(0).currentDeadline().lastDay())
                    .isEqualTo(LocalDate.of(2026, 3, 27));
            assertThat(f.audit(1)).contains("REQUEST_RECEIVED DONE   data-subject-request");

            f.executor.verifyIdentity("r-1", "front-desk");
            f.executor.restrict("r-1");

            assertThat(f.executor.find("r-1").orElseThrow().state()).isEqualTo(RequestState.COMPLETED);
            assertThat(f.executor.openRequests()).extracting(DataSubjectRequest::id).containsExactly("r-2");
            assertThat(earlier.overdue(RequestFixture.NOW.plus(Duration.ofDays(40)))).isTrue();
        }
    }

    @ProviderMatrix
    void anExtensionMovesTheDeadlineInForceByTwoMonths(JpaUnit unit) throws Exception {
        try (RequestFixture f = new RequestFixture(unit)) {
            DataSubjectRequest request = f.verified(RequestType.ERASURE, "c1");
            f.executor.erase(request.id()); // stays IN_PROGRESS: Client.name needs a person's decision

            DataSubjectRequest extended = f.executor.extend(request.id(), "dpo", "Many records to review");

            assertThat(extended.state()).isEqualTo(RequestState.EXTENDED);
            assertThat(extended.currentDeadline().lastDay()).isEqualTo(LocalDate.of(2026, 6, 2));
            assertThat(f.executor.openRequests()).extracting(r -> r.currentDeadline().lastDay())
                    .containsExactly(LocalDate.of(2026, 6, 2));
        }
    }

    @ProviderMatrix
    void nothingIsDisclosedBeforeTheIdentityIsVerified(JpaUnit unit) throws Exception {
        try (RequestFixture f = new RequestFixture(unit)) {
            DataSubjectRequest request = f.executor.receive(RequestType.ACCESS, "c1", RequestFixture.NOW);

            CustosException e = catchThrowableOfType(() -> f.executor.exportAccess(request.id()),
                    CustosException.class);

            assertThat(e.messageId()).isEqualTo("CUSTOS-04703");
            assertThat(e.getMessage()).contains(request.id());
            assertThat(f.executor.find(request.id()).orElseThrow().state()).isEqualTo(RequestState.RECEIVED);
        }
    }

    @ProviderMatrix
    void aRequestAboutASubjectCustosKnowsNothingAboutIsRefusedNotAnsweredEmpty(JpaUnit unit) throws Exception {
        try (RequestFixture f = new RequestFixture(unit)) {
            DataSubjectRequest request = f.verified(RequestType.ERASURE, "nobody");

            CustosException e = catchThrowableOfType(() -> f.executor.erase(request.id()), CustosException.class);

            assertThat(e.messageId()).isEqualTo("CUSTOS-04704");
            assertThat(e.getMessage()).contains(request.id());
            DataSubjectRequest refused = f.executor.find(request.id()).orElseThrow();
            assertThat(refused.state()).isEqualTo(RequestState.REFUSED);
            assertThat(refused.refusalCitation()).contains("GDPR Art. 11(2)");
            assertThat(refused.refusalReason().orElseThrow()).startsWith("CUSTOS-04704");
            assertThat(f.audit(1)).contains("REQUEST_REFUSED DONE   data-subject-request");
        }
    }

    @ProviderMatrix
    void aRequestIsAnsweredOnlyAsItsOwnType(JpaUnit unit) throws Exception {
        try (RequestFixture f = new RequestFixture(unit)) {
            DataSubjectRequest request = f.verified(RequestType.PORTABILITY, "c1");

            CustosException e = catchThrowableOfType(() -> f.executor.erase(request.id()), CustosException.class);

            assertThat(e.messageId()).isEqualTo("CUSTOS-04702");
            assertThat(f.value("SELECT c.email FROM Client c WHERE c.clientId = 'c1'")).isEqualTo("ada@example.org");
        }
    }
}
