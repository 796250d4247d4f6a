// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessingContextTest {

    @Test
    void outsideAnyScopeThereIsNoPurposeAndAnUnknownCaller() {
        assertThat(ProcessingContext.purpose()).isEmpty();
        assertThat(ProcessingContext.scopeCaller()).isEmpty();
    }

    @Test
    void scopesNestAndRestoreTheOuterPurposeOnClose() {
        try (ProcessingContext.Scope outer = ProcessingContext.open("treatment", "dr.hansen")) {
            assertThat(ProcessingContext.purpose()).contains("treatment");
            try (ProcessingContext.Scope inner = ProcessingContext.open("invoicing", "billing-job")) {
                assertThat(ProcessingContext.purpose()).contains("invoicing");
                assertThat(ProcessingContext.scopeCaller()).map(Caller::name).contains("billing-job");
            }
            assertThat(ProcessingContext.purpose()).contains("treatment");
            assertThat(ProcessingContext.scopeCaller()).map(Caller::name).contains("dr.hansen");
        }
        assertThat(ProcessingContext.purpose()).isEmpty();
    }

    @Test
    void aScopeWithAPurposeOnlyKeepsTheEnclosingCallerOrLeavesItToTheSource() {
        try (ProcessingContext.Scope alone = ProcessingContext.open("treatment")) {
            assertThat(ProcessingContext.scopeCaller()).isEmpty();
        }
        try (ProcessingContext.Scope outer = ProcessingContext.open("treatment", "dr.hansen");
             ProcessingContext.Scope inner = ProcessingContext.open("invoicing")) {
            assertThat(ProcessingContext.purpose()).contains("invoicing");
            assertThat(ProcessingContext.scopeCaller()).map(Caller::name).contains("dr.hansen");
        }
    }

    @Test
    void aBlankPurposeIsRejected() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> ProcessingContext.open(" "))
                .withMessageContaining("purpose");
        assertThat(ProcessingContext.purpose()).isEmpty();
    }

    @Test
    void anOuterScopeClosedOutOfOrderIsNotRevivedWhenTheInnerOneCloses() {
        ProcessingContext.Scope outer = ProcessingContext.open("treatment", "a");
        ProcessingContext.Scope inner = ProcessingContext.open("research", "b");
        outer.close();
        assertThat(ProcessingContext.purpose()).contains("research"); // still open
        inner.close();
        assertThat(ProcessingContext.purpose()).isEmpty();
        assertThat(ProcessingContext.scopeCaller()).isEmpty();
    }

    @Test
    void closingOutOfOrderRestoresTheNearestScopeStillOpen() {
        try (ProcessingContext.Scope first = ProcessingContext.open("treatment", "a")) {
            ProcessingContext.Scope second = ProcessingContext.open("invoicing", "b");
            ProcessingContext.Scope third = ProcessingContext.open("research", "c");
            second.close();
            third.close();
            assertThat(ProcessingContext.purpose()).contains("treatment");
            assertThat(ProcessingContext.scopeCaller()).map(Caller::name).contains("a");
        }
    }

    @Test
    void closingTwiceDoesNotUnwindTheOuterScope() {
        try (ProcessingContext.Scope outer = ProcessingContext.open("treatment", "a")) {
            ProcessingContext.Scope inner = ProcessingContext.open("research", "b");
            inner.close();
            inner.close();
            assertThat(ProcessingContext.purpose()).contains("treatment");
        }
    }

    @Test
    void scopesAreBoundToTheirThread() throws Exception {
        try (ProcessingContext.Scope scope = ProcessingContext.open("treatment", "a")) {
            String[] seen = new String[1];
            Thread other = new Thread(() -> seen[0] = ProcessingContext.purpose().orElse("none"));
            other.start();
            other.join();
            assertThat(seen[0]).isEqualTo("none");
        }
    }
}
