// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.consent.ConsentStatus;
import dev.custos.core.gdpr.DataSubjectRight;
import dev.custos.core.gdpr.RightsMap;
import dev.custos.core.metadata.DataModel;
import dev.custos.core.metadata.ModelReader;
import dev.custos.core.metadata.PersonalDataAttribute;
import dev.custos.core.policy.PolicyPacks;
import dev.custos.core.retention.AnchorValues;
import dev.custos.core.retention.ErasureDecision;
import dev.custos.core.retention.RecordState;
import dev.custos.core.retention.RetentionDecision;
import dev.custos.core.retention.RetentionEngine;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the README says about its example entity is what the code does, under both shipped packs. */
class ReadmeExampleTest {

    @Test
    void underTheDanishPackTheJournalIsKeptFiveYearsAfterTheLastEntry() {
        assertDue("dk", LocalDate.of(2025, 3, 15));
    }

    @Test
    void underTheNorwegianPackItIsKeptTenYearsThenReviewed() {
        assertDue("no", LocalDate.of(2030, 3, 15));
    }

    private static void assertDue(String packId, LocalDate expected) {
        DataModel model = ModelReader.read(List.of(JournalEntry.class), PolicyPacks.load(packId));
        PersonalDataAttribute note = model.entity(JournalEntry.class).orElseThrow().attribute("note").orElseThrow();
        ZoneId zone = model.pack().zone();
        Instant lastEntry = AnchorValues.toInstant(LocalDate.of(2020, 3, 15), zone).orElseThrow();
        RecordState record = new RecordState(Optional.of(lastEntry), ConsentStatus.unknown(), List.of());

        RetentionEngine engine = new RetentionEngine(model.pack(), Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), zone));
        assertThat(engine.retainedThrough(note.rule(), record)).contains(expected);
        assertThat(engine.decide(note.rule(), record).status()).isEqualTo(RetentionDecision.Status.RETAINED);

        // An erasure request meanwhile is refused, naming the duty and its source.
        ErasureDecision answer = engine.assessErasureRequest(note.rule(), note.processing(), record);
        assertThat(answer.outcome()).isEqualTo(ErasureDecision.Outcome.KEEP);
        assertThat(answer.detail().text()).contains("GDPR Art. 17(3)(b)");
        assertThat(RightsMap.assess(DataSubjectRight.PORTABILITY, note.processing()).applies()).isFalse();
    }
}
