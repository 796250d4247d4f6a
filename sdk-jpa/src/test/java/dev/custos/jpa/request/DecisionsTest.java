// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.custos.core.CustosException;
import dev.custos.core.request.DataSubjectRequest;
import dev.custos.core.request.RequestState;
import dev.custos.core.request.RequestType;
import dev.custos.core.retention.LegalHold;
import dev.custos.jpa.access.AccessRefusedException;
import dev.custos.jpa.access.Caller;
import dev.custos.jpa.access.ProcessingContext;
import dev.custos.jpa.internal.store.AuditTrail;
import dev.custos.jpa.request.Decision;
import dev.custos.jpa.internal.store.LegalHoldStore;
import dev.custos.jpa.testing.Decider;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.ProviderMatrix;
import dev.custos.jpa.testmodel.Inquiry;
import dev.custos.jpa.testmodel.Member;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * An erasure request that leaves values to a person's decision (contract and legitimate-interest data, case by
 * case): the lines are listed, decided one by one (erase, or keep with a reason), every decision audited, an
 * erase decision erased by the attribute's strategy and logged, and the request completes with the last decision.
 */
class DecisionsTest {

    private static String text(RequestFixture f, String sql) throws Exception {
        try (Connection c = f.db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : "<no row>";
        }
    }

    /** p9: a member and two inquiries; inquiry 10 is under a legal hold. Returns the erasure request, answered. */
    private static DataSubjectRequest answeredWithReviewLines(RequestFixture f) throws Exception {
        // each under a purpose it declares
        try (ProcessingContext.Scope scope = ProcessingContext.open("membership", "reception")) {
            JpaUnit.inTransaction(f.emf, em -> em.persist(new Member(10L, "p9", LocalDate.of(2024, 1, 10), "Bobby",
                    1980)));
        }
        try (ProcessingContext.Scope scope = ProcessingContext.open("inquiry", "reception")) {
            JpaUnit.inTransaction(f.emf, em -> {
                em.persist(new Inquiry(10L, "p9", LocalDateTime.of(2024, 3, 1, 10, 0), "call me"));
                em.persist(new Inquiry(11L, "p9", LocalDateTime.of(2024, 3, 1, 10, 0), "call me too"));
            });
        }
        try (Connection c = f.db.transaction()) {
            new LegalHoldStore().place(c, "p9", Optional.of("Inquiry"), Optional.of("10"),
                    new LegalHold("h-9", "complaint-pending", RequestFixture.NOW.minusSeconds(3600),
                            Optional.empty(), "lawyer", "case 9"));
            c.commit();
        }
        DataSubjectRequest request = f.verified(RequestType.ERASURE, "p9");
        ErasureReport report = f.executor.erase(request.id());
        assertThat(report.request().state()).isEqualTo(RequestState.IN_PROGRESS);
        assertThat(report.summary().code()).isEqualTo("CUSTOS-04715");
        return request;
    }

    private static Decision line(Decisions decisions, String requestId, String key) {
        return decisions.forRequest(requestId).stream().filter(d -> d.lineKey().equals(key)).findFirst()
                .orElseThrow();
    }

    @ProviderMatrix
    void eachReviewLineIsDecidedAndTheRequestCompletesWithTheLast(JpaUnit unit) throws Exception {
        try (RequestFixture f = new RequestFixture(unit)) {
            DataSubjectRequest request = answeredWithReviewLines(f);
            try (ProcessingContext.Scope dpo = Decider.scope()) {
                Decisions decisions = new Decisions(f.runtime);

                assertThat(decisions.forRequest(request.id())).extracting(Decision::lineKey).containsExactlyInAnyOrder(
                        "Member#10.nickname", "Member#10.birthYear", "Inquiry#11.message");
                assertThat(decisions.forRequest(request.id())).allMatch(Decision::pending);
                assertThat(decisions.undecidedByRequest()).isEqualTo(Map.of(request.id(), 3L));
                // answering the request again opens no line twice
                f.executor.erase(request.id());
                assertThat(decisions.undecided()).hasSize(3);

                Decisions.Decided erased = decisions.decide(line(decisions, request.id(), "Inquiry#11.message").id(),
                        Decision.Outcome.ERASE, "", "dpo");
                assertThat(erased.line().outcome()).contains(Decision.Outcome.ERASE);
                assertThat(erased.line().decidedBy()).contains("dpo");
                assertThat(erased.request()).get().satisfies(r -> {
                    assertThat(r.request().state()).isEqualTo(RequestState.IN_PROGRESS);
                    assertThat(r.lines(ErasureReport.Outcome.REVIEW)).hasSize(2);
                    assertThat(r.lines(ErasureReport.Outcome.ERASED)).extracting(l -> l.detail().code())
                            .containsExactly("CUSTOS-04726");
                });
                // DELETE_ROW: the inquiry goes whole, logged and audited as the request's erasure
                assertThat(text(f, "SELECT COUNT(*) FROM Inquiry WHERE id = 11")).isEqualTo("0");
                assertThat(text(f, "SELECT strategy FROM custos_erasure_log WHERE entity_name = 'Inquiry'"
                        + " AND entity_id = '11' AND rule_id = 'request:" + request.id() + "'")).isEqualTo("DELETE_ROW");

                decisions.decide(line(decisions, request.id(), "Member#10.nickname").id(), Decision.Outcome.KEEP,
                        "Membership fee dispute pending", "dpo");
                assertThat(f.executor.find(request.id()).orElseThrow().state()).isEqualTo(RequestState.IN_PROGRESS);

                Decisions.Decided last = decisions.decide(line(decisions, request.id(), "Member#10.birthYear").id(),
                        Decision.Outcome.ERASE, "no longer needed", "dpo");

                ErasureReport report = last.request().orElseThrow();
                assertThat(report.request().state()).isEqualTo(RequestState.COMPLETED);
                assertThat(f.executor.find(request.id()).orElseThrow().state()).isEqualTo(RequestState.COMPLETED);
                assertThat(report.lines(ErasureReport.Outcome.REVIEW)).isEmpty();
                ErasureReport.Line kept = report.lines(ErasureReport.Outcome.KEPT).stream()
                        .filter(l -> l.attribute().equals("nickname")).findFirst().orElseThrow();
                assertThat(kept.detail().code()).isEqualTo("CUSTOS-04727");
                assertThat(kept.detail().text()).contains("dpo", "Membership fee dispute pending");
                assertThat(text(f, "SELECT nickname FROM Member WHERE id = 10")).isEqualTo("Bobby");
                assertThat(text(f, "SELECT birthYear FROM Member WHERE id = 10")).isEqualTo("0"); // ANONYMIZE
                assertThat(decisions.undecided()).isEmpty();
                assertThat(decisions.undecidedByRequest()).isEmpty();
                assertThat(f.audit(1)).filteredOn(a -> a.startsWith("ERASURE_DECIDED")).hasSize(3);
                assertThat(text(f, "SELECT detail FROM custos_audit_record WHERE action = 'ERASURE_DECIDED'"
                        + " AND field_names = 'nickname'")).contains("KEEP: Membership fee dispute pending");
                assertThat(f.audit(1).get(f.audit(1).size() - 1)).startsWith("REQUEST_COMPLETED");
                try (Connection c = f.db.connect()) {
                    assertThat(new AuditTrail(1, f.clock).verify(c).intact()).isTrue();
                }
            }
        }
    }

    @ProviderMatrix
    void aDecisionIsFinalAndKeepingNeedsAReason(JpaUnit unit) throws Exception {
        try (RequestFixture f = new RequestFixture(unit)) {
            DataSubjectRequest request = answeredWithReviewLines(f);
            try (ProcessingContext.Scope dpo = Decider.scope()) {
                Decisions decisions = new Decisions(f.runtime);
                String id = line(decisions, request.id(), "Member#10.nickname").id();

                assertThat(catchThrowableOfType(() -> decisions.decide(id, Decision.Outcome.KEEP, " ", "dpo"),
                        CustosException.class).messageId()).isEqualTo("CUSTOS-04730");
                assertThat(catchThrowableOfType(() -> decisions.decide(id, Decision.Outcome.ERASE, "", " "),
                        CustosException.class).messageId()).isEqualTo("CUSTOS-04733");
                assertThat(catchThrowableOfType(() -> decisions.decide("dec-none", Decision.Outcome.ERASE, "", "dpo"),
                        CustosException.class).messageId()).isEqualTo("CUSTOS-04728");
                assertThat(catchThrowableOfType(() -> decisions.decide(id, Decision.Outcome.KEEP, "x".repeat(1001),
                        "dpo"), CustosException.class).messageId()).isEqualTo("CUSTOS-04731");
                assertThat(decisions.forRequest(request.id())).allMatch(Decision::pending);

                decisions.decide(id, Decision.Outcome.KEEP, "dispute", "dpo");

                assertThat(catchThrowableOfType(() -> decisions.decide(id, Decision.Outcome.ERASE, "", "other"),
                        CustosException.class).messageId()).isEqualTo("CUSTOS-04729");
                assertThat(text(f, "SELECT nickname FROM Member WHERE id = 10")).isEqualTo("Bobby");
                assertThat(decisions.forRequest(request.id())).filteredOn(Decision::pending).hasSize(2);

                // a request refused meanwhile: its lines can no longer be decided under it
                f.executor.refuse(request.id(), "dpo", "manifestly unfounded", "GDPR Art. 12(5)");
                String other = line(decisions, request.id(), "Member#10.birthYear").id();
                assertThat(catchThrowableOfType(() -> decisions.decide(other, Decision.Outcome.ERASE, "", "dpo"),
                        CustosException.class).messageId()).isEqualTo("CUSTOS-04734");
                assertThat(text(f, "SELECT birthYear FROM Member WHERE id = 10")).isEqualTo("1980");
                assertThat(decisions.forRequest(request.id())).filteredOn(Decision::pending).hasSize(2);
            }
        }
    }

    /** Issue #19: listing and deciding needs the decider role, in sdk-jpa as under CDI; Custos itself may. */
    @ProviderMatrix
    void listingAndDecidingRequireTheDeciderRole(JpaUnit unit) throws Exception {
        try (RequestFixture f = new RequestFixture(unit)) {
            DataSubjectRequest request = answeredWithReviewLines(f);
            Decisions decisions = new Decisions(f.runtime);
            String id;
            try (ProcessingContext.Scope dpo = Decider.scope()) {
                id = line(decisions, request.id(), "Member#10.nickname").id();
            }
            try (ProcessingContext.Scope clerk = ProcessingContext.open("erasure-review",
                    Caller.named("clerk", Set.of("custos-auditor")))) {
                for (ThrowingCallable call : List.<ThrowingCallable>of(decisions::undecided,
                        () -> decisions.forRequest(request.id()),
                        () -> decisions.decide(id, Decision.Outcome.KEEP, "dispute", "clerk"))) {
                    assertThat(catchThrowable(call)).isInstanceOfSatisfying(AccessRefusedException.class,
                            e -> assertThat(e.messageId()).isEqualTo("CUSTOS-04791"));
                }
            }
            try (ProcessingContext.Scope system = ProcessingContext.open("erasure-review",
                    Caller.system("custos"))) {
                assertThat(decisions.undecided()).hasSize(3);
            }
            try (ProcessingContext.Scope dpo = Decider.scope()) {
                assertThat(decisions.forRequest(request.id())).allMatch(Decision::pending);
            }
            assertThat(text(f, "SELECT COUNT(*) FROM custos_audit_record WHERE action = 'ERASURE_DECIDED'"))
                    .isEqualTo("0");
        }
    }

    @ProviderMatrix
    void theGuidesDecisions(JpaUnit unit) throws Exception {
        try (RequestFixture f = new RequestFixture(unit)) {
            DataSubjectRequest request = answeredWithReviewLines(f);
            dev.custos.jpa.CustosRuntime custos = f.runtime;

            // snippet:decisions
            Caller dpo = Caller.named("dpo", Set.of("custos-privacy-officer")); // custos.roles.decider
            try (ProcessingContext.Scope review = ProcessingContext.open("erasure-review", dpo)) {
                Decisions decisions = new Decisions(custos);
                List<Decision> open = decisions.forRequest(request.id()); // undecided(): every request's and sweep's
                for (Decision line : open) {
                    if (line.attributes().contains("nickname")) {
                        decisions.decide(line.id(), Decision.Outcome.KEEP, "membership fee dispute pending", "dpo");
                    } else {
                        decisions.decide(line.id(), Decision.Outcome.ERASE, "", "dpo");
                    }
                }
            }
            // end-snippet

            try (ProcessingContext.Scope review = Decider.scope()) {
                assertThat(new Decisions(custos).forRequest(request.id())).hasSize(3).noneMatch(Decision::pending);
            }
            assertThat(f.executor.find(request.id()).orElseThrow().state()).isEqualTo(RequestState.COMPLETED);
            assertThat(text(f, "SELECT nickname FROM Member WHERE id = 10")).isEqualTo("Bobby");
            assertThat(text(f, "SELECT COUNT(*) FROM Inquiry WHERE id = 11")).isEqualTo("0");
        }
    }
}
