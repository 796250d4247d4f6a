// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.audit;

import static dev.custos.core.audit.AuditFixtures.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.CustosException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditEventTest {

    @Test
    void fieldsAreStoredSortedWithoutDuplicates() {
        AuditEvent event = event(List.of("name", "email", "name", "birthDate"));

        assertThat(event.fields()).containsExactly("birthDate", "email", "name");
        assertThat(event).isEqualTo(event(List.of("email", "birthDate", "name")));
    }

    @Test
    void sortedFieldsAreKeptAndUnsortedOnesSorted() {
        assertThat(event(List.of("birthDate", "email", "name")).fields()).containsExactly("birthDate", "email", "name");
        assertThat(event(List.of("name", "email")).fields()).containsExactly("email", "name");
        assertThat(event(List.of("email", "email")).fields()).containsExactly("email");
        assertThat(event(List.of()).fields()).isEmpty();
        assertThatNullPointerException().isThrownBy(() -> event(Arrays.asList("email", null)));
    }

    @Test
    void aSubjectNamedInClearIsRefused() {
        assertThatThrownBy(() -> new AuditEvent(START, "clerk", "customer-42", AuditAction.READ, "", "", List.of(),
                "", "", AuditOutcome.PERMITTED, ""))
                .isInstanceOfSatisfying(CustosException.class,
                        e -> assertThat(e.messageId()).isEqualTo("CUSTOS-02316"));
    }

    @Test
    void fieldsCannotBeChangedThroughTheCallersList() {
        List<String> fields = new ArrayList<>(List.of("email"));
        AuditEvent event = event(fields);

        fields.add("name");

        assertThat(event.fields()).containsExactly("email");
        assertThatThrownBy(() -> event.fields().add("iban")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nullComponentsAndFieldNamesAreRefused() {
        assertThatNullPointerException().isThrownBy(() -> new AuditEvent(START, "clerk", "", AuditAction.READ, "",
                "", List.of(), "", null, AuditOutcome.PERMITTED, ""));
        assertThatNullPointerException().isThrownBy(() -> new AuditEvent(null, "clerk", "", AuditAction.READ, "",
                "", List.of(), "", "", AuditOutcome.PERMITTED, ""));
        assertThatNullPointerException().isThrownBy(() -> event(Arrays.asList("email", null)));
    }

    @Test
    void unpairedSurrogatesAreRefusedBecauseUtf8CannotEncodeThem() {
        assertThatThrownBy(() -> new AuditEvent(START, "clerk\uD800", "", AuditAction.READ, "", "", List.of(), "",
                "", AuditOutcome.PERMITTED, ""))
                .isInstanceOfSatisfying(CustosException.class, e -> {
                    assertThat(e.messageId()).isEqualTo("CUSTOS-02315");
                    assertThat(e.detail().text()).contains("actor");
                });
        assertThatThrownBy(() -> event(List.of("x\uDC00")))
                .isInstanceOfSatisfying(CustosException.class,
                        e -> assertThat(e.messageId()).isEqualTo("CUSTOS-02315"));
    }

    @Test
    void surrogatePairsAreAccepted() {
        assertThat(event(List.of("note\uD83D\uDE00")).fields()).containsExactly("note\uD83D\uDE00");
    }

    private static AuditEvent event(List<String> fields) {
        return new AuditEvent(START, "clerk", "", AuditAction.READ, "Customer", "1", fields, "", "",
                AuditOutcome.PERMITTED, "");
    }
}
