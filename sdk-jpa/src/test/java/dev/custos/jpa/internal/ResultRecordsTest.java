// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.audit.AuditAction;
import dev.custos.core.audit.AuditEvent;
import dev.custos.core.audit.AuditOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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

    @Test
    void readsMakeTheSameRecordsBuildingOnlyEachRecordsFirstRead() {
        AtomicInteger built = new AtomicInteger();
        Map<String, String> refs = new HashMap<>(Map.of("ada", ADA, "bo", BO));
        List<PendingAudit> reads = List.of(
                pending("ada", "JournalEntry", "1", AuditOutcome.PERMITTED, 0, built),
                pending("bo", "JournalEntry", "2", AuditOutcome.PERMITTED, 1, built),
                pending("ada", "JournalEntry", "3", AuditOutcome.PERMITTED, 2, built),
                pending("ada", "Letter", "3", AuditOutcome.PERMITTED, 3, built),
                pending("ada", "JournalEntry", "4", AuditOutcome.DENIED, 4, built),
                pending("ada", "JournalEntry", "1", AuditOutcome.PERMITTED, 5, built),
                pending("ada", "JournalEntry", "x,y", AuditOutcome.PERMITTED, 6, built),
                new PendingAudit("JournalEntry", "ada", ref -> read(ref, "JournalEntry", "5", AuditOutcome.PERMITTED,
                        7)));

        List<AuditEvent> records = ResultRecords.ofReads(reads, refs);

        List<AuditEvent> expected = new ArrayList<>(ResultRecords.merged(List.of(
                read(ADA, "JournalEntry", "1", AuditOutcome.PERMITTED, 0),
                read(BO, "JournalEntry", "2", AuditOutcome.PERMITTED, 1),
                read(ADA, "JournalEntry", "3", AuditOutcome.PERMITTED, 2),
                read(ADA, "Letter", "3", AuditOutcome.PERMITTED, 3),
                read(ADA, "JournalEntry", "4", AuditOutcome.DENIED, 4),
                read(ADA, "JournalEntry", "1", AuditOutcome.PERMITTED, 5),
                read(ADA, "JournalEntry", "x,y", AuditOutcome.PERMITTED, 6))));
        expected.add(read(ADA, "JournalEntry", "5", AuditOutcome.PERMITTED, 7)); // stands alone: not merged
        assertThat(records).isEqualTo(expected);
        assertThat(records.get(0).entityId()).isEqualTo("1,3,x\\,y");
        assertThat(built).hasValue(4); // the first read of each of the four records listing rows
    }

    /** A read as the access guard collects it: equal {@code sameRecord} for reads of one subject, entity, outcome. */
    private static PendingAudit pending(String subject, String entity, String id, AuditOutcome outcome, int second,
                                        AtomicInteger built) {
        return new PendingAudit(entity, subject, ref -> {
            built.incrementAndGet();
            return read(ref, entity, id, outcome, second);
        }, List.of(subject, entity, outcome), ref -> id);
    }
}
