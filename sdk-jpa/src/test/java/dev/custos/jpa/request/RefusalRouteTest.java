// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.custos.core.CustosException;
import dev.custos.core.Message;
import dev.custos.core.request.DataSubjectRequest;
import dev.custos.core.request.RequestType;
import dev.custos.core.retention.LegalHold;
import dev.custos.jpa.internal.store.AuditTrail;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.ProviderMatrix;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;

/**
 * Issue 18, item 6: an erasure refused by a duty to keep cites the rule's key citations and names the route left to
 * the subject; starting the route places the pack's hold, audited, so that the data is kept while it runs.
 */
class RefusalRouteTest {

    private static String text(RequestFixture f, String sql) throws Exception {
        try (Connection c = f.db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static ErasureReport.Line journalLine(ErasureReport report) {
        return report.lines().stream().filter(l -> l.entity().equals("JournalEntry")).findFirst().orElseThrow();
    }

    @ProviderMatrix
    void aRefusedJournalErasureCitesTheKeyCitationsAndNamesTheRoute(JpaUnit unit) throws Exception {
        try (RequestFixture f = new RequestFixture(unit, "dk")) {
            DataSubjectRequest request = f.verified(RequestType.ERASURE, "c1");

            ErasureReport report = f.executor.erase(request.id());

            ErasureReport.Line journal = journalLine(report);
            assertThat(journal.outcome()).isEqualTo(ErasureReport.Outcome.KEPT);
            // the pack's <refusal> citations, not the rule's seven sources (no history, no seed)
            assertThat(journal.citation()).contains("§ 21", "§ 25, stk. 1", "Art. 17(3)(b)")
                    .doesNotContain("Psykologloven", "BEK nr. 567", "seed");
            assertThat(journal.citation().split("; ")).hasSize(4);
            assertThat(journal.detail().text()).doesNotContain("Psykologloven");
            assertThat(journal.route().orElseThrow().text()).contains("Styrelsen for Patientsikkerhed",
                    "Datatilsynet");
            assertThat(journal.route().orElseThrow().citationLine()).contains("(unverified)", "Art. 77");
            assertThat(journal.route().orElseThrow().holdReason()).isEqualTo("deletion-request-pending");
            assertThat(report.notes()).extracting(Message::code).contains("CUSTOS-04786");
            assertThat(report.notes()).filteredOn(n -> n.code().equals("CUSTOS-04786")).singleElement()
                    .satisfies(n -> assertThat(n.text()).contains("journal", "Art. 77", "deletion-request-pending"));
            assertThat(report.toJson()).contains("\"route\"", "deletion-request-pending");
            // values kept for other reasons, or erased, carry no route
            assertThat(report.lines()).filteredOn(l -> !l.entity().equals("JournalEntry"))
                    .allSatisfy(l -> assertThat(l.route()).isEmpty());
        }
    }

    @ProviderMatrix
    void startingTheRoutePlacesThePacksHoldAuditedAndKeepsTheJournalAfterItsDutyEnds(JpaUnit unit)
            throws Exception {
        try (RequestFixture f = new RequestFixture(unit, "dk")) {
            DataSubjectRequest request = f.verified(RequestType.ERASURE, "c1");
            ErasureReport.Line journal = journalLine(f.executor.erase(request.id()));
            assertThat(journal.route()).isPresent();

            LegalHold hold = f.executor.startRoute(request.id(), "JournalEntry", journal.entityId(), "note",
                    "dpo", "Client asked the authority to delete the entry");

            assertThat(hold.reasonId()).isEqualTo("deletion-request-pending");
            assertThat(hold.placedBy()).isEqualTo("dpo");
            assertThat(text(f, "SELECT reason_id FROM custos_legal_hold WHERE entity_name = 'JournalEntry'"
                    + " AND entity_id = '" + journal.entityId() + "' AND subject_id = 'c1' AND released_at IS NULL"))
                    .isEqualTo("deletion-request-pending");
            assertThat(text(f, "SELECT actor FROM custos_audit_record WHERE action = 'HOLD_PLACED'"
                    + " AND entity_name = 'JournalEntry' AND detail LIKE '%route of rule journal%'")).isEqualTo("dpo");
            try (Connection c = f.db.connect()) {
                assertThat(new AuditTrail(1, f.clock).verify(c).intact()).isTrue();
            }

            // years later the duty to keep is over, but the route still runs: a new erasure keeps the entry
            f.clock.moveTo(Instant.parse("2031-01-01T00:00:00Z"));
            DataSubjectRequest later = f.verified(RequestType.ERASURE, "c1");
            ErasureReport.Line kept = journalLine(f.executor.erase(later.id()));
            assertThat(kept.outcome()).isEqualTo(ErasureReport.Outcome.KEPT);
            assertThat(kept.detail().code()).isEqualTo("CUSTOS-01117");
            assertThat(f.value("SELECT j.note FROM JournalEntry j WHERE j.id = " + journal.entityId()))
                    .isEqualTo("Ada sleeps badly");
        }
    }

    @ProviderMatrix
    void aRouteIsRefusedWithANumberedMessageWhereThereIsNone(JpaUnit unit) throws Exception {
        try (RequestFixture f = new RequestFixture(unit, "dk")) {
            DataSubjectRequest request = f.verified(RequestType.ERASURE, "c1");
            ErasureReport report = f.executor.erase(request.id());
            String journalId = journalLine(report).entityId();

            assertThat(code(() -> f.executor.startRoute(request.id(), "Client", "c1", "name", "dpo", "")))
                    .isEqualTo("CUSTOS-04787");
            assertThat(code(() -> f.executor.startRoute(request.id(), "Client", "c1", "nothing", "dpo", "")))
                    .isEqualTo("CUSTOS-04788");
            String otherJournal = text(f, "SELECT id FROM JournalEntry WHERE id <> " + journalId);
            assertThat(code(() -> f.executor.startRoute(request.id(), "JournalEntry", otherJournal, "note", "dpo",
                    ""))).isEqualTo("CUSTOS-04789");
            DataSubjectRequest access = f.verified(RequestType.ACCESS, "c1");
            assertThat(code(() -> f.executor.startRoute(access.id(), "JournalEntry", journalId, "note", "dpo", "")))
                    .isEqualTo("CUSTOS-04790");
            assertThat(code(() -> f.executor.startRoute("dsr-none", "JournalEntry", journalId, "note", "dpo", "")))
                    .isEqualTo("CUSTOS-04701");
            assertThat(text(f, "SELECT COUNT(*) FROM custos_legal_hold")).isEqualTo("0");
        }
    }

    @ProviderMatrix
    void anObjectionToTheJournalNamesTheRouteToItsDeletion(JpaUnit unit) throws Exception {
        try (RequestFixture f = new RequestFixture(unit, "dk")) {
            DataSubjectRequest request = f.verified(RequestType.OBJECTION, "c1");

            ObjectionReport report = f.executor.object(request.id());

            assertThat(report.lines()).filteredOn(l -> l.entity().equals("JournalEntry")).singleElement()
                    .satisfies(l -> assertThat(l.route().orElseThrow().holdReason())
                            .isEqualTo("deletion-request-pending"));
            assertThat(report.lines()).filteredOn(l -> !l.entity().equals("JournalEntry"))
                    .allSatisfy(l -> assertThat(l.route()).isEmpty());
            assertThat(report.toJson().replaceAll("\\s+", "")).contains("\"hold\":\"deletion-request-pending\"");
        }
    }

    private static String code(Runnable call) {
        CustosException e = catchThrowableOfType(call::run, CustosException.class);
        assertThat(e).isNotNull();
        return e.messageId();
    }
}
