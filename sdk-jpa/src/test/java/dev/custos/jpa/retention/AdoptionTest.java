// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.custos.core.CustosException;
import dev.custos.core.Message;
import dev.custos.core.consent.ConsentEvent;
import dev.custos.jpa.consent.ConsentRegistry;
import dev.custos.jpa.internal.store.ConsentLedger;
import dev.custos.jpa.consent.ImportedConsent;
import dev.custos.jpa.internal.store.SubjectKeys;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.ProviderMatrix;
import dev.custos.jpa.testmodel.Inquiry;
import dev.custos.jpa.testmodel.Questionnaire;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Adopting a database that held data before Custos: the adoption report says per entity and rule what the first
 * sweep would erase, keep, and cannot date (no clock value, no consent record) with what to do, changing nothing;
 * consents the application held are imported with their evidence into the chained ledger; and whether Custos
 * ever swept the database is known.
 */
class AdoptionTest {

    private static final Instant SIGNED_UP = Instant.parse("2019-05-01T08:00:00Z");

    private static AdoptionReport.Line line(AdoptionReport report, String entity) {
        return report.lines().stream().filter(l -> l.entity().equals(entity)).findFirst().orElseThrow();
    }

    private static void existingData(SweepFixture f) throws Exception {
        f.persist(em -> {
            em.persist(new Inquiry(1L, "p1", LocalDateTime.of(2023, 1, 1, 10, 0), "old"));
            em.persist(new Inquiry(2L, "p2", LocalDateTime.of(2023, 2, 1, 10, 0), "old too"));
            em.persist(new Inquiry(3L, "p3", LocalDateTime.of(2025, 1, 1, 10, 0), "recent"));
            em.persist(new Inquiry(4L, "p4", null, "never dated"));
            em.persist(new Inquiry(5L, "p5", LocalDateTime.of(2023, 1, 1, 10, 0), "disputed"));
            em.persist(new Questionnaire(1L, "c1", "answers with consent"));
            em.persist(new Questionnaire(2L, "c2", "answers consented on paper"));
        });
        f.hold("p5", "h-5");
        f.consent(ConsentEvent.given("c1", "research", SweepFixture.NOW.minusSeconds(86_400), "notice-1"));
    }

    @ProviderMatrix
    void theReportCountsWhatTheFirstSweepWouldFindAndSaysWhatToDo(JpaUnit unit) throws Exception {
        try (SweepFixture f = new SweepFixture(unit)) {
            existingData(f);
            RetentionSweeper sweeper = new RetentionSweeper(f.runtime);
            assertThat(sweeper.everSwept()).isFalse();

            AdoptionReport report = sweeper.adoptionReport();

            AdoptionReport.Line inquiries = line(report, "Inquiry");
            assertThat(inquiries.ruleId()).isEqualTo("contact-inquiry");
            assertThat(inquiries.anchor()).isEqualTo("lastCorrespondence");
            assertThat(List.of(inquiries.due(), inquiries.kept(), inquiries.held(), inquiries.noClock(),
                    inquiries.noConsent())).containsExactly(2L, 1L, 1L, 1L, 0L);
            assertThat(inquiries.advice()).extracting(Message::code).containsExactly("CUSTOS-04633", "CUSTOS-04637",
                    "CUSTOS-04635", "CUSTOS-04634");
            assertThat(inquiries.advice().get(1).text()).contains("lastCorrespondence").doesNotContain("p4");
            AdoptionReport.Line questionnaires = line(report, "Questionnaire");
            assertThat(List.of(questionnaires.due(), questionnaires.kept(), questionnaires.noClock(),
                    questionnaires.noConsent())).containsExactly(0L, 1L, 0L, 1L);
            assertThat(questionnaires.advice()).extracting(Message::code).contains("CUSTOS-04638");
            assertThat(report.due()).isEqualTo(2);
            assertThat(report.undetermined()).isEqualTo(2);
            // a report, not a sweep: nothing erased, no lease taken
            assertThat(f.count("SELECT COUNT(*) FROM Inquiry")).isEqualTo(5);
            assertThat(f.erasureLog()).isZero();
            assertThat(sweeper.everSwept()).isFalse();

            sweeper.sweep();
            assertThat(sweeper.everSwept()).isTrue();
            assertThat(f.count("SELECT COUNT(*) FROM Inquiry")).isEqualTo(3);
        }
    }

    @ProviderMatrix
    void consentsTheApplicationHeldAreImportedWithTheirEvidenceOnce(JpaUnit unit) throws Exception {
        try (SweepFixture f = new SweepFixture(unit)) {
            existingData(f);
            ConsentRegistry registry = new ConsentRegistry(f.runtime);
            List<ImportedConsent> consents = List.of(new ImportedConsent("c2", "research", SIGNED_UP,
                    "notice-2019", "signup-form-2019"));

            assertThat(registry.importConsents(consents, "migration-script")).isEqualTo(1);
            assertThat(registry.importConsents(consents, "migration-script")).isZero(); // again: nothing twice

            assertThat(registry.status("c2", "research").state().name()).isEqualTo("ACTIVE");
            assertThat(f.text("SELECT recorded_by FROM custos_consent_event WHERE notice_version = 'notice-2019'"))
                    .isEqualTo("import:signup-form-2019");
            assertThat(f.count("SELECT COUNT(*) FROM custos_consent_event WHERE notice_version = 'notice-2019'"))
                    .isEqualTo(1);
            assertThat(f.text("SELECT actor FROM custos_audit_record WHERE action = 'CONSENT_GIVEN'"
                    + " AND detail LIKE 'imported from signup-form-2019%'")).isEqualTo("migration-script");
            try (Connection c = f.db.transaction()) {
                assertThat(new ConsentLedger(new SubjectKeys(f.clock), f.clock).verify(c).intact()).isTrue();
                assertThat(new ConsentLedger(new SubjectKeys(f.clock), f.clock).events(c, "c2").get(0).at())
                        .isEqualTo(SIGNED_UP);
            }
            assertThat(f.verifyWriteChain().intact()).isTrue();
            AdoptionReport.Line questionnaires = line(new RetentionSweeper(f.runtime).adoptionReport(),
                    "Questionnaire");
            assertThat(questionnaires.noConsent()).isZero();
            assertThat(questionnaires.kept()).isEqualTo(2);

            assertThat(catchThrowableOfType(() -> registry.importConsents(List.of(new ImportedConsent("c3",
                    "research", SweepFixture.NOW.plusSeconds(86_400), "n", "crm")), "m"), CustosException.class)
                    .messageId()).isEqualTo("CUSTOS-04218");
            assertThat(catchThrowableOfType(() -> new ImportedConsent("c3", "research", SIGNED_UP, "n", " "),
                    CustosException.class).messageId()).isEqualTo("CUSTOS-04216");
            assertThat(catchThrowableOfType(() -> new ImportedConsent("c3", "research", SIGNED_UP, "n", "a\nb"),
                    CustosException.class).messageId()).isEqualTo("CUSTOS-04217");
            assertThat(catchThrowableOfType(() -> registry.importConsents(List.of(new ImportedConsent("c3",
                    "no-such-purpose", SIGNED_UP, "n", "crm")), "m"), CustosException.class).messageId())
                    .isEqualTo("CUSTOS-04426");
            assertThat(f.count("SELECT COUNT(*) FROM custos_consent_event")).isEqualTo(2);
        }
    }

    @ProviderMatrix
    void theGuidesAdoption(JpaUnit unit) throws Exception {
        try (SweepFixture f = new SweepFixture(unit)) {
            existingData(f);
            dev.custos.jpa.CustosRuntime custos = f.runtime;
            List<String> notes = new java.util.ArrayList<>();

            // snippet:adoption
            RetentionSweeper sweeper = new RetentionSweeper(custos);
            boolean swept = sweeper.everSwept(); // false: no sweep ever ran on this database
            for (AdoptionReport.Line line : sweeper.adoptionReport().lines()) {
                notes.add(line.entity() + " under " + line.ruleId() + ": " + line.due() + " due, " + line.noClock()
                        + " without a clock value, " + line.noConsent() + " without a consent record");
                line.advice().forEach(advice -> notes.add(advice.toString())); // what to do
            }
            new ConsentRegistry(custos).importConsents(List.of(new ImportedConsent("c2", "research",
                    Instant.parse("2019-05-01T08:00:00Z"), "notice-2019", "signup-form-2019")), "migration-script");
            // end-snippet

            assertThat(swept).isFalse();
            assertThat(notes).contains("Inquiry under contact-inquiry: 2 due, 1 without a clock value, 0 without a"
                    + " consent record");
            assertThat(notes).anyMatch(n -> n.startsWith("Questionnaire under ")
                    && n.endsWith(": 0 due, 0 without a clock value, 1 without a consent record"));
            assertThat(notes).anyMatch(n -> n.startsWith("CUSTOS-04638"));
            assertThat(line(sweeper.adoptionReport(), "Questionnaire").noConsent()).isZero();
        }
    }
}
