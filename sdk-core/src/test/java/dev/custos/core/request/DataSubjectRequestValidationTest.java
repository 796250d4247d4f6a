// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.request;

import static dev.custos.core.request.Requests.ACTOR;
import static dev.custos.core.request.Requests.COPENHAGEN;
import static dev.custos.core.request.Requests.RECEIVED_AT;
import static dev.custos.core.request.Requests.hoursLater;
import static dev.custos.core.request.Requests.in;
import static dev.custos.core.request.Requests.received;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.CustosException;
import java.time.Period;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input: each case is refused with its own numbered message. */
class DataSubjectRequestValidationTest {

    private static void assertRefused(ThrowingCallable call, String messageId) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CustosException.class,
                ex -> assertThat(ex.messageId()).isEqualTo(messageId));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void idMustNotBeBlank(String id) {
        assertRefused(() -> DataSubjectRequest.receive(id, "subject-7", RequestType.ACCESS, RECEIVED_AT, COPENHAGEN,
                Optional.empty()), "CUSTOS-02201");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void subjectIdMustNotBeBlank(String subjectId) {
        assertThatThrownBy(() -> DataSubjectRequest.receive("REQ-9", subjectId, RequestType.ERASURE, RECEIVED_AT,
                COPENHAGEN, Optional.empty()))
                .isInstanceOfSatisfying(CustosException.class,
                        ex -> assertThat(ex.messageId()).isEqualTo("CUSTOS-02202"))
                .hasMessageContaining("REQ-9");
    }

    @Test
    void idsLongerThanCustosKeepsAreRefusedWithoutBeingEchoed() {
        String subject = "s".repeat(DataSubjectRequest.MAX_SUBJECT_ID_LENGTH + 1);
        assertThatThrownBy(() -> DataSubjectRequest.receive("REQ-9", subject, RequestType.ACCESS, RECEIVED_AT,
                COPENHAGEN, Optional.empty()))
                .isInstanceOfSatisfying(CustosException.class,
                        ex -> assertThat(ex.messageId()).isEqualTo("CUSTOS-02213"))
                .hasMessageContaining("201 characters").hasMessageNotContaining("sss");
        String id = "r".repeat(DataSubjectRequest.MAX_ID_LENGTH + 1);
        assertThatThrownBy(() -> DataSubjectRequest.receive(id, "subject-7", RequestType.ACCESS, RECEIVED_AT,
                COPENHAGEN, Optional.empty()))
                .isInstanceOfSatisfying(CustosException.class,
                        ex -> assertThat(ex.messageId()).isEqualTo("CUSTOS-02212"))
                .hasMessageContaining("101 characters").hasMessageNotContaining("rrr");
        // the limits themselves are kept
        assertThat(DataSubjectRequest.receive("r".repeat(DataSubjectRequest.MAX_ID_LENGTH),
                "s".repeat(DataSubjectRequest.MAX_SUBJECT_ID_LENGTH), RequestType.ACCESS, RECEIVED_AT, COPENHAGEN,
                Optional.empty()).subjectId()).hasSize(DataSubjectRequest.MAX_SUBJECT_ID_LENGTH);
    }

    @Test
    void promisedPeriodMustBePositive() {
        assertRefused(() -> DataSubjectRequest.receive("REQ-9", "subject-7", RequestType.ACCESS, RECEIVED_AT,
                COPENHAGEN, Optional.of(Period.ZERO)), "CUSTOS-02211");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" "})
    void actorMustNotBeBlank(String actor) {
        assertRefused(() -> received().verifyIdentity(hoursLater(1), actor), "CUSTOS-02203");
        assertRefused(() -> in(RequestState.IDENTITY_VERIFIED).start(hoursLater(2), actor), "CUSTOS-02203");
        assertRefused(() -> in(RequestState.IN_PROGRESS).complete(hoursLater(3), actor), "CUSTOS-02203");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void extensionNeedsAReason(String reason) {
        assertRefused(() -> in(RequestState.IN_PROGRESS).extend(hoursLater(3), ACTOR, reason), "CUSTOS-02207");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void refusalNeedsAReason(String reason) {
        assertRefused(() -> in(RequestState.IN_PROGRESS).refuse(hoursLater(3), ACTOR, reason, "GDPR Art. 12(5)(b)"),
                "CUSTOS-02208");
        assertRefused(() -> received().refuse(hoursLater(1), ACTOR, reason, "GDPR Art. 11(2)"), "CUSTOS-02208");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void refusalNeedsACitation(String citation) {
        assertRefused(() -> in(RequestState.EXTENDED).refuse(hoursLater(4), ACTOR, "Manifestly excessive", citation),
                "CUSTOS-02209");
    }

    @Test
    void moveBeforeReceiptIsRefused() {
        assertRefused(() -> received().verifyIdentity(RECEIVED_AT.minusSeconds(1), ACTOR), "CUSTOS-02210");
    }

    @Test
    void moveBeforeThePreviousMoveIsRefused() {
        DataSubjectRequest inProgress = in(RequestState.IN_PROGRESS);

        assertThatThrownBy(() -> inProgress.complete(hoursLater(1), ACTOR))
                .isInstanceOfSatisfying(CustosException.class,
                        ex -> assertThat(ex.messageId()).isEqualTo("CUSTOS-02210"))
                .hasMessageContaining(hoursLater(2).toString());
    }

    @Test
    void moveAtTheSameInstantAsThePreviousOneIsAccepted() {
        assertThat(received().verifyIdentity(RECEIVED_AT, ACTOR).start(RECEIVED_AT, ACTOR).state())
                .isEqualTo(RequestState.IN_PROGRESS);
    }

    @Test
    void illegalMoveIsReportedBeforeBadArguments() {
        // The state is the more fundamental problem: fixing the argument would not make the move possible.
        assertRefused(() -> in(RequestState.COMPLETED).refuse(hoursLater(5), " ", null, null), "CUSTOS-02204");
    }
}
