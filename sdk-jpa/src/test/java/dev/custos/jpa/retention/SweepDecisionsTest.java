// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.retention.RetentionDecision.Status;
import dev.custos.jpa.access.ProcessingContext;
import dev.custos.jpa.request.Decisions;
import dev.custos.jpa.request.Decision;
import dev.custos.jpa.testing.Decider;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.ProviderMatrix;
import dev.custos.jpa.testmodel.Inquiry;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Rows a sweep finds due under a rule that asks a person (pack "review-due": inquiries, on-due REVIEW) are kept
 * and listed for a decision once; an erase decision erases the row through the sweep's erasure, logged and
 * audited, and a keep decision keeps it for good.
 */
class SweepDecisionsTest {

    private static Decision line(Decisions decisions, String entityId) {
        return decisions.undecided().stream().filter(d -> d.entityId().equals(entityId)).findFirst().orElseThrow();
    }

    @ProviderMatrix
    void dueRowsForReviewAreListedOnceAndDecided(JpaUnit unit) throws Exception {
        try (SweepFixture f = SweepFixture.underPack(unit, "review-due")) {
            f.persist(em -> {
                for (long id = 1; id <= 3; id++) {
                    em.persist(new Inquiry(id, "p" + id, LocalDateTime.of(2023, 1, 1, 10, 0), "message " + id));
                }
                em.persist(new Inquiry(4L, "p4", LocalDateTime.of(2025, 1, 1, 10, 0), "recent"));
            });
            RetentionSweeper sweeper = new RetentionSweeper(f.runtime);
            try (ProcessingContext.Scope dpo = Decider.scope()) {
                Decisions decisions = new Decisions(f.runtime);
                sweeper.preview(100);
                sweeper.sweep(SweepOptions.defaults().withDryRun(true));
                assertThat(decisions.undecided()).isEmpty(); // a preview or a dry run opens nothing

                SweepReport first = sweeper.sweep();

                assertThat(first.erased()).isZero();
                assertThat(first.kept(Status.REVIEW)).isEqualTo(3);
                List<Decision> open = decisions.undecided();
                assertThat(open).extracting(Decision::entityId).containsExactlyInAnyOrder("1", "2", "3");
                assertThat(open).allSatisfy(d -> {
                    assertThat(d.origin()).isEqualTo(Decision.Origin.SWEEP);
                    assertThat(d.originId()).isEqualTo("contact-inquiry");
                    assertThat(d.entity()).isEqualTo("Inquiry");
                    assertThat(d.attributes()).containsExactly("*");
                    assertThat(d.subjectRef()).isPresent();
                });
                sweeper.sweep();
                assertThat(decisions.undecided()).hasSize(3); // not opened twice

                Decisions.Decided erased = decisions.decide(line(decisions, "1").id(), Decision.Outcome.ERASE,
                        "reviewed, nothing pending", "dpo");
                decisions.decide(line(decisions, "2").id(), Decision.Outcome.KEEP, "open complaint", "dpo");

                assertThat(erased.request()).isEmpty();
                assertThat(f.count("SELECT COUNT(*) FROM Inquiry WHERE id = 1")).isZero();
                assertThat(f.text("SELECT strategy FROM custos_erasure_log WHERE entity_name = 'Inquiry'"
                        + " AND entity_id = '1' AND rule_id = 'contact-inquiry' AND run_id = '" + erased.line().id()
                        + "'")).isEqualTo("DELETE_ROW");
                assertThat(f.count("SELECT COUNT(*) FROM custos_audit_record WHERE action = 'ERASE'"
                        + " AND entity_name = 'Inquiry' AND actor = 'dpo'")).isEqualTo(1);
                assertThat(f.count("SELECT COUNT(*) FROM custos_audit_record WHERE action = 'ERASURE_DECIDED'"))
                        .isEqualTo(2);
                assertThat(f.text("SELECT detail FROM custos_audit_record WHERE action = 'ERASURE_DECIDED'"
                        + " AND entity_id = '2'")).contains("sweep rule contact-inquiry", "KEEP: open complaint");

                SweepReport after = sweeper.sweep();

                assertThat(after.erased()).isZero();
                assertThat(f.count("SELECT COUNT(*) FROM Inquiry WHERE id = 2")).isEqualTo(1);
                assertThat(decisions.undecided()).extracting(Decision::entityId).containsExactly("3");
                assertThat(f.count("SELECT COUNT(*) FROM custos_decision")).isEqualTo(3);
                assertThat(f.verifyWriteChain().intact()).isTrue();
                assertThat(f.duplicates()).isZero();
            }
        }
    }
}
