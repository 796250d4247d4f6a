// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.audit.AuditAction;
import dev.custos.core.audit.AuditChain;
import dev.custos.core.audit.AuditChainVerifier;
import dev.custos.core.audit.AuditEvent;
import dev.custos.core.audit.AuditOutcome;
import dev.custos.core.audit.AuditRecord;
import dev.custos.core.audit.ChainVerification;
import dev.custos.core.audit.SubjectPseudonyms;
import dev.custos.core.consent.ConsentDecision;
import dev.custos.core.consent.ConsentEvaluator;
import dev.custos.core.consent.ConsentEvent;
import dev.custos.core.metadata.DataModel;
import dev.custos.core.metadata.ModelReader;
import dev.custos.core.metadata.PersonalDataAttribute;
import dev.custos.core.policy.PolicyPack;
import dev.custos.core.policy.PolicyPacks;
import dev.custos.core.record.Controller;
import dev.custos.core.record.ProcessingRecord;
import dev.custos.core.record.ProcessingRecordGenerator;
import dev.custos.core.request.DataSubjectRequest;
import dev.custos.core.request.RequestType;
import dev.custos.core.retention.AnchorValues;
import dev.custos.core.retention.RecordState;
import dev.custos.core.retention.RetentionDecision;
import dev.custos.core.retention.RetentionEngine;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The code of docs/core-guide.md. The docs module's SnippetsTest checks that the guide shows each snippet word for word;
 * these tests check what the snippets do.
 */
class CoreGuideTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-01T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void readTheModel() {
        // snippet:read-model
        PolicyPack pack = PolicyPacks.load("dk");              // META-INF/custos/packs/dk.xml
        DataModel model = ModelReader.read(List.of(JournalEntry.class), pack);
        PersonalDataAttribute note = model.entity(JournalEntry.class).orElseThrow()
                .attribute("note").orElseThrow();
        // end-snippet
        assertThat(note.rule().id()).isEqualTo("journal");
    }

    @Test
    void decideRetention() {
        PolicyPack pack = PolicyPacks.load("dk");
        PersonalDataAttribute note = ModelReader.read(List.of(JournalEntry.class), pack)
                .entity(JournalEntry.class).orElseThrow().attribute("note").orElseThrow();
        LocalDate lastEntry = LocalDate.of(2020, 3, 15);
        // snippet:retention
        RetentionEngine engine = new RetentionEngine(pack, CLOCK);
        RecordState record = RecordState.anchoredAt(AnchorValues.toInstant(lastEntry, pack.zone()).orElseThrow());
        RetentionDecision decision = engine.decide(note.rule(), record);
        // decision.status() == RETAINED, engine.retainedThrough(note.rule(), record) == 2025-03-15,
        // decision.detail(): "CUSTOS-01110: Kept under rule "journal" until 2025-03-15T23:59:59+01:00 (...)"
        // end-snippet
        assertThat(decision.status()).isEqualTo(RetentionDecision.Status.RETAINED);
        assertThat(engine.retainedThrough(note.rule(), record)).contains(LocalDate.of(2025, 3, 15));
        assertThat(decision.detail().toString()).startsWith("CUSTOS-01110: Kept under rule \"journal\" until 2025-03-15T23:59:59+01:00 (");
    }

    @Test
    void evaluateConsent() {
        List<ConsentEvent> ledger = new ArrayList<>();
        // snippet:consent
        ledger.add(ConsentEvent.given("client-7", "newsletter", Instant.parse("2024-01-10T08:00:00Z"), "notice-3"));
        ledger.add(ConsentEvent.withdrawn("client-7", "newsletter", Instant.parse("2024-05-02T17:30:00Z")));

        ConsentDecision decision = new ConsentEvaluator(CLOCK).evaluate(ledger, "client-7", "newsletter", Set.of());
        // decision.permitted() == false, decision.reason() == WITHDRAWN, decision.detail().code() == "CUSTOS-02003"
        // end-snippet
        assertThat(decision.permitted()).isFalse();
        assertThat(decision.reason()).isEqualTo(ConsentDecision.Reason.WITHDRAWN);
        assertThat(decision.detail().code()).isEqualTo("CUSTOS-02003");
    }

    @Test
    void chainAndVerifyTheAuditTrail() {
        // snippet:audit
        byte[] subjectKey = SubjectPseudonyms.newKey();        // kept apart; destroyed when the subject is erased
        AuditChain chain = AuditChain.genesis();
        AuditRecord record = chain.append(new AuditEvent(CLOCK.instant(), "dr.hansen",
                SubjectPseudonyms.pseudonym(subjectKey, "client-7"), AuditAction.READ, "JournalEntry", "42",
                List.of("note"), "treatment", "GDPR Art. 6(1)(c)", AuditOutcome.PERMITTED, ""));

        ChainVerification result = AuditChainVerifier.verify(List.of(record).iterator(), chain.head());
        // result.intact() == true; after tampering, result.firstBroken() names the first bad record
        // end-snippet
        assertThat(result.intact()).isTrue();
        assertThat(record.event().subjectRef()).startsWith("ps1:").doesNotContain("client-7");
    }

    @Test
    void answerARequestInTime() {
        PolicyPack pack = PolicyPacks.load("no");
        // snippet:request
        DataSubjectRequest request = DataSubjectRequest.receive("REQ-1", "client-7", RequestType.ACCESS,
                Instant.parse("2025-01-31T09:00:00Z"), pack.zone(), pack.requests().promisedWithin());
        // The NO pack promises 30 days, but 31 January + 1 month ends sooner (Art. 12(3)):
        // request.deadline().lastDay() == 2025-02-28
        request = request.verifyIdentity(Instant.parse("2025-02-01T10:00:00Z"), "reception");
        // end-snippet
        assertThat(request.deadline().lastDay()).isEqualTo(LocalDate.of(2025, 2, 28));
        assertThat(request.state().name()).isEqualTo("IDENTITY_VERIFIED");
    }

    @Test
    void generateTheRecordOfProcessing() {
        DataModel model = ModelReader.read(List.of(JournalEntry.class), PolicyPacks.load("dk"));
        // snippet:record
        Controller clinic = new Controller("Lindely Klinik ApS", "privacy@lindely.example", "",
                List.of("Accounting system provider (processor)"), "", List.of("Two-factor login"));
        ProcessingRecord record = ProcessingRecordGenerator.generate(model, clinic);
        String markdown = record.toMarkdown();                 // or record.toJson()
        // end-snippet
        assertThat(markdown).contains("## Purpose: treatment", "Lindely Klinik ApS");
    }
}
