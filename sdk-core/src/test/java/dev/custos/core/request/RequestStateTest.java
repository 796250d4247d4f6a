// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.request;

import static dev.custos.core.request.RequestState.COMPLETED;
import static dev.custos.core.request.RequestState.EXTENDED;
import static dev.custos.core.request.RequestState.IDENTITY_VERIFIED;
import static dev.custos.core.request.RequestState.IN_PROGRESS;
import static dev.custos.core.request.RequestState.RECEIVED;
import static dev.custos.core.request.RequestState.REFUSED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RequestStateTest {

    @Test
    void onlyCompletedAndRefusedAreTerminal() {
        assertThat(RequestState.values()).filteredOn(RequestState::terminal).containsExactly(COMPLETED, REFUSED);
    }

    @Test
    void allowedNextStatesFollowTheLifeCycle() {
        assertThat(RECEIVED.allowedNext()).containsExactly(IDENTITY_VERIFIED, REFUSED);
        assertThat(IDENTITY_VERIFIED.allowedNext()).containsExactly(IN_PROGRESS, REFUSED);
        assertThat(IN_PROGRESS.allowedNext()).containsExactly(EXTENDED, COMPLETED, REFUSED);
        assertThat(EXTENDED.allowedNext()).containsExactly(COMPLETED, REFUSED);
        assertThat(COMPLETED.allowedNext()).isEmpty();
        assertThat(REFUSED.allowedNext()).isEmpty();
    }

    @Test
    void noStateMayMoveToItselfOrBack() {
        for (RequestState from : RequestState.values()) {
            for (RequestState to : RequestState.values()) {
                if (to.ordinal() <= from.ordinal()) {
                    assertThat(from.canMoveTo(to)).as("%s -> %s", from, to).isFalse();
                }
            }
        }
    }

    @Test
    void allowedNextCannotBeModified() {
        assertThatThrownBy(() -> RECEIVED.allowedNext().add(COMPLETED))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
