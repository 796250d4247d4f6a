// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.access;

import static dev.custos.jpa.testing.Refusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.custos.core.CustosException;
import dev.custos.core.Message;
import dev.custos.core.consent.ConsentDecision;
import dev.custos.core.consent.ConsentEvidence;
import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.consent.ConsentRegistry;
import dev.custos.jpa.internal.store.ConsentLedger;
import dev.custos.jpa.internal.store.SubjectKeys;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.ProviderMatrix;
import dev.custos.jpa.testing.TestDatabase;
import dev.custos.jpa.testmodel.Client;
import dev.custos.jpa.testmodel.JournalEntry;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Issue 18, items 3 and 5, through the public API on every provider and database. The journal is kept under a
 * legal obligation, but the Danish pack says disclosing it to the GP ({@code gp-disclosure}) needs the client's
 * written consent: the consent is recorded with its evidence, every read and write under the purpose is checked,
 * and a withdrawal stops it at once. And a child's consent to the newsletter, an information society service, is
 * refused below the pack's digital consent age without the authorisation of the holder of parental
 * responsibility (GDPR Art. 8).
 */
class PurposeConsentTest {

    private static final Clock CLOCK = Clock.systemUTC();
    private static final ConsentEvidence SIGNED = ConsentEvidence.written("scan 2026-114", LocalDate.of(2026, 11, 2));

    private static final class Fixture implements AutoCloseable {
        final TestDatabase db;
        final EntityManagerFactory emf;
        final CustosRuntime runtime;
        final ConsentRegistry consents;
        final long entry;

        Fixture(JpaUnit unit) {
            db = TestDatabase.empty(unit.database());
            emf = unit.open(db, Map.of("custos.pack", "dk"));
            runtime = CustosJpa.start(unit.unitName(), emf, db.dataSource(), CLOCK);
            consents = new ConsentRegistry(runtime);
            // the journal is written in treatment: health data is never written with no purpose (CUSTOS-04570)
            try (ProcessingContext.Scope treatment = ProcessingContext.open("treatment", "dr.berg")) {
                entry = JpaUnit.inTransactionReturning(emf, em -> {
                    Client client = new Client("c1", "Ada Lund", "ada@example.org", LocalDate.of(2024, 5, 1));
                    em.persist(client);
                    JournalEntry note = new JournalEntry(client, LocalDate.of(2026, 10, 1), "sleeps badly");
                    em.persist(note);
                    em.flush();
                    return note.id;
                });
            }
        }

        String note() {
            EntityManager em = emf.createEntityManager();
            try {
                return em.find(JournalEntry.class, entry).note;
            } finally {
                em.close();
            }
        }

        List<String> audit(int chain) throws Exception {
            List<String> rows = new ArrayList<>();
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT action, entity_name, COALESCE(purpose, '')"
                         + " FROM custos_audit_record WHERE chain_id = " + chain + " ORDER BY record_seq")) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
                }
            }
            return rows;
        }

        @Override
        public void close() throws Exception {
            emf.close();
            db.close();
        }
    }

    @ProviderMatrix
    void disclosingTheJournalToTheGpNeedsTheClientsWrittenConsentAndAWithdrawalStopsItAtOnce(JpaUnit unit)
            throws Exception {
        try (Fixture f = new Fixture(unit)) {
            // kept under a legal obligation: treatment reads it without consent
            try (ProcessingContext.Scope treatment = ProcessingContext.open("treatment", "dr.berg")) {
                assertThat(f.note()).isEqualTo("sleeps badly");
            }
            assertThat(f.consents.purposes()).contains("gp-disclosure", "newsletter");
            try (ProcessingContext.Scope disclosure = ProcessingContext.open("gp-disclosure", "dr.berg")) {
                AccessRefusedException before = refusal(catchThrowable(f::note));
                assertThat(before.reasons()).extracting(Message::code).containsExactly("CUSTOS-02002");

                // the pack asks for the consent in writing
                CustosException unwritten = catchThrowableOfType(() -> f.consents.give("c1", "gp-disclosure",
                        "notice-1", "dr.berg"), CustosException.class);
                assertThat(unwritten.messageId()).isEqualTo("CUSTOS-02032");
                assertThat(f.consents.check("c1", "gp-disclosure").reason())
                        .isEqualTo(ConsentDecision.Reason.NEVER_GIVEN);

                CustosRuntime runtime = f.runtime;
                // snippet:consent-evidence
                ConsentRegistry consents = new ConsentRegistry(runtime);
                consents.give("c1", "gp-disclosure", "notice-1",
                        ConsentEvidence.written("scan 2026-114", LocalDate.of(2026, 11, 2)), "dr.berg");
                // end-snippet
                assertThat(f.note()).isEqualTo("sleeps badly");
                assertThat(f.consents.check("c1", "gp-disclosure").decisive().orElseThrow().evidence())
                        .isEqualTo(SIGNED);

                f.consents.withdraw("c1", "gp-disclosure", "dr.berg");
                assertThat(refusal(catchThrowable(f::note)).reasons()).extracting(Message::code)
                        .containsExactly("CUSTOS-02003");
            }
            // the client's name, which the journal entry loads with it, is disclosed under the purpose too: a
            // provider that loads the client first has the refusal recorded on the client
            List<String> disclosures = f.audit(2).stream().filter(r -> r.endsWith(" gp-disclosure")).toList();
            assertThat(disclosures.stream().map(r -> r.substring(0, r.indexOf(' '))).toList())
                    .containsSubsequence("READ_DENIED", "READ", "READ_DENIED");
            assertThat(disclosures).contains("READ JournalEntry gp-disclosure");
            try (Connection c = f.db.transaction()) {
                assertThat(new ConsentLedger(new SubjectKeys()).verify(c).intact()).isTrue();
            }
        }
    }

    @ProviderMatrix
    void aWriteUnderThePurposeNeedsTheConsentToo(JpaUnit unit) throws Exception {
        try (Fixture f = new Fixture(unit);
             ProcessingContext.Scope disclosure = ProcessingContext.open("gp-disclosure", "dr.berg")) {
            AccessRefusedException refused = refusal(catchThrowable(() -> JpaUnit.inTransaction(f.emf, em ->
                    em.persist(new JournalEntry(clientForTreatment(em), LocalDate.of(2026, 11, 3),
                            "sent to the GP")))));
            assertThat(refused.messageId()).isEqualTo("CUSTOS-04520");
            assertThat(refused.reasons()).extracting(Message::code).containsExactly("CUSTOS-02002");

            f.consents.give("c1", "gp-disclosure", "notice-1", SIGNED, "dr.berg");
            JpaUnit.inTransaction(f.emf, em -> em.persist(new JournalEntry(clientForTreatment(em),
                    LocalDate.of(2026, 11, 3), "sent to the GP")));
        }
    }

    /**
     * The client, loaded under treatment: the write alone is then checked under the purpose in effect (some
     * providers load a reference's row, whose name would be refused under gp-disclosure without the consent).
     */
    private static Client clientForTreatment(EntityManager em) {
        try (ProcessingContext.Scope treatment = ProcessingContext.open("treatment", "dr.berg")) {
            return em.find(Client.class, "c1");
        }
    }

    @ProviderMatrix
    void aChildsConsentToTheNewsletterFollowsTheDanishDigitalConsentAge(JpaUnit unit) throws Exception {
        try (Fixture f = new Fixture(unit)) {
            ConsentEvidence form = ConsentEvidence.of(ConsentEvidence.Form.ELECTRONIC, "signup-form-v3",
                    LocalDate.of(2026, 11, 2));
            CustosException unknown = catchThrowableOfType(() -> f.consents.give("c1", "newsletter", "notice-1",
                    "web"), CustosException.class);
            assertThat(unknown.messageId()).isEqualTo("CUSTOS-02034");
            CustosException child = catchThrowableOfType(() -> f.consents.give("c1", "newsletter", "notice-1",
                    form.withAgeAtLeast(14), "web"), CustosException.class);
            assertThat(child.messageId()).isEqualTo("CUSTOS-02033");
            assertThat(child.getMessage()).contains("GDPR Art. 8(1)", "§ 6, stk. 2-3", "15");
            assertThat(f.consents.check("c1", "newsletter").permitted()).isFalse();

            f.consents.give("c1", "newsletter", "notice-1",
                    form.withAgeAtLeast(14).withParentalAuthorisation("guardian Maren Holm"), "web");
            ConsentEvidence recorded = f.consents.check("c1", "newsletter").decisive().orElseThrow().evidence();
            assertThat(recorded.ageBand()).contains("14+");
            assertThat(recorded.parentalAuthorisation()).startsWith("ps1:").doesNotContain("Maren");

            f.consents.give("c2", "newsletter", "notice-1", form.withAgeAtLeast(15), "web");
            assertThat(f.consents.check("c2", "newsletter").permitted()).isTrue();
        }
    }
}
