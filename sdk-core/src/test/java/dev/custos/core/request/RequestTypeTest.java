// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.gdpr.DataSubjectRight;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RequestTypeTest {

    @Test
    void eachTypeExercisesItsRight() {
        assertThat(RequestType.ACCESS.right()).isEqualTo(DataSubjectRight.ACCESS);
        assertThat(RequestType.PORTABILITY.right()).isEqualTo(DataSubjectRight.PORTABILITY);
        assertThat(RequestType.RECTIFICATION.right()).isEqualTo(DataSubjectRight.RECTIFICATION);
        assertThat(RequestType.RESTRICTION.right()).isEqualTo(DataSubjectRight.RESTRICTION);
        assertThat(RequestType.ERASURE.right()).isEqualTo(DataSubjectRight.ERASURE);
        assertThat(RequestType.OBJECTION.right()).isEqualTo(DataSubjectRight.OBJECTION);
        assertThat(RequestType.CONSENT_WITHDRAWAL.right()).isEqualTo(DataSubjectRight.WITHDRAW_CONSENT);
    }

    @Test
    void everyRightCanBeRequestedExactlyOnce() {
        assertThat(Arrays.stream(RequestType.values()).map(RequestType::right))
                .containsExactlyInAnyOrder(DataSubjectRight.values());
    }
}
