// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.audit.AuditAction;
import dev.custos.core.audit.AuditEvent;
import dev.custos.core.audit.AuditOutcome;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultRecordsTest {

    static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    static final String ADA = "ps1:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    static final String BO = "ps1:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    static AuditEvent read(String ref, String entity, String id, AuditOutcome outcome, int second) {
        return new AuditEvent(T0.plusSeconds(second), "dr.holm", ref,
                outcome == AuditOutcome.PERMITTED ? AuditAction.READ : AuditAction.READ_MASKED, entity, id,
                List.of("note"), "treatment", "GDPR Art. 9(2)(h)", outcome, "");
    }

    @Test
    void oneRecordPerSubjectEntityAndActionListingItsRowsAtTheTimeOfTheFirst() {
        List<AuditEvent> merged = ResultRecords.merged(List.of(
                read(ADA, "JournalEntry", "1", AuditOutcome.PERMITTED, 0),
                read(BO, "JournalEntry", "2", AuditOutcome.PERMITTED, 1),
                read(ADA, "JournalEntry", "3", AuditOutcome.PERMITTED, 2),
                read(ADA, "Letter", "3", AuditOutcome.PERMITTED, 3),
                read(ADA, "JournalEntry", "4", AuditOutcome.DENIED, 4),
                read(ADA, "JournalEntry", "1", AuditOutcome.PERMITTED, 5)));

        assertThat(merged).extracting(e -> e.subjectRef() + " " + e.entity() + " " + e.action() + " " + e.entityId()
                + " " + e.occurredAt().getEpochSecond() % 60).containsExactly(
                "ps1:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa JournalEntry READ 1,3 0",
                "ps1:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb JournalEntry READ 2 1",
                "ps1:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa Letter READ 3 3",
                "ps1:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa JournalEntry READ_MASKED 4 4");
    }

    @Test
    void aSingleReadNamesItsRowAsAListOfOne() {
        AuditEvent one = read(ADA, "JournalEntry", "a,b", AuditOutcome.PERMITTED, 0);
        assertThat(ResultRecords.merged(List.of(one))).extracting(AuditEvent::entityId).containsExactly("a\\,b");
    }
}
