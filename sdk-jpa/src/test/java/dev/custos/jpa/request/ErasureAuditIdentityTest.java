// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.Message;
import dev.custos.core.audit.AuditAction;
import dev.custos.core.audit.AuditRecord;
import dev.custos.core.request.DataSubjectRequest;
import dev.custos.core.request.RequestState;
import dev.custos.core.request.RequestType;
import dev.custos.jpa.access.ProcessingContext;
import dev.custos.jpa.retention.RetentionSweeper;
import dev.custos.jpa.retention.SweepOptions;
import dev.custos.jpa.retention.SweepReport;
import dev.custos.jpa.internal.store.AuditTrail;
import dev.custos.jpa.internal.store.SubjectKeys;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.ProviderMatrix;
import dev.custos.jpa.testmodel.Questionnaire;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Under a pack with an audit-identity rule (the test pack "audit-kept": two years), erasing a subject keeps its
 * pseudonym key until then, so the audit still resolves to the subject; the retention sweep destroys the key once
 * the date has passed, and the chain still verifies.
 */
class ErasureAuditIdentityTest {

    /** 2026-03-02T10:00Z plus two years in Copenhagen. */
    private static final Instant KEPT_UNTIL = Instant.parse("2028-03-02T10:00:00Z");
    private static final Instant END_OF_TIME = Instant.parse("9999-12-31T00:00:00Z");

    private static String text(RequestFixture f, String sql) throws Exception {
        try (Connection c = f.db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : "<no row>";
        }
    }

    private static Optional<String> pseudonym(RequestFixture f, String subject) throws Exception {
        try (Connection c = f.db.connect()) {
            return new SubjectKeys(f.clock).existingPseudonym(c, subject);
        }
    }

    private static List<AuditAction> auditOf(RequestFixture f, String ref) throws Exception {
        try (Connection c = f.db.connect()) {
            return new AuditTrail(1, f.clock).forSubject(c, ref, Instant.EPOCH, END_OF_TIME).stream()
                    .map(AuditRecord::event).map(e -> e.action()).toList();
        }
    }

    private static void assertChainsIntact(RequestFixture f) throws Exception {
        try (Connection c = f.db.connect()) {
            assertThat(new AuditTrail(1, f.clock).verify(c).intact()).isTrue();
            assertThat(new AuditTrail(2, f.clock).verify(c).intact()).isTrue();
        }
    }

    @ProviderMatrix
    void theErasedSubjectsAuditStaysLinkedUntilThePacksDateAndTheSweepUnlinksItThen(JpaUnit unit)
            throws Exception {
        try (RequestFixture f = new RequestFixture(unit, "audit-kept")) {
            try (ProcessingContext.Scope scope = ProcessingContext.open("treatment", "reception")) {
                JpaUnit.inTransaction(f.emf, em -> em.persist(new Questionnaire(3L, "c3", "Cy answers")));
            }
            DataSubjectRequest request = f.verified(RequestType.ERASURE, "c3");

            ErasureReport report = f.executor.erase(request.id());

            assertThat(report.request().state()).isEqualTo(RequestState.COMPLETED);
            assertThat(report.lines(ErasureReport.Outcome.ERASED)).hasSize(1);
            assertThat(report.notes()).extracting(Message::code).containsExactly("CUSTOS-04721");
            assertThat(report.notes().get(0).text()).contains("kept until 2028-03-02T11:00+01:00",
                    "Journal Act (fictional) § 6");
            assertThat(text(f, "SELECT detail FROM custos_audit_record WHERE action = 'REQUEST_COMPLETED'"))
                    .contains("audit identity kept until 2028-03-02T11:00+01:00 under Journal Act (fictional) § 6");
            // the request no longer names the subject; the key is scheduled, not gone
            assertThat(text(f, "SELECT COUNT(*) FROM custos_request WHERE subject_id = 'c3'")).isEqualTo("0");
            try (Connection c = f.db.connect()) {
                assertThat(new SubjectKeys(f.clock).shredAfter(c, "c3")).contains(KEPT_UNTIL);
                assertThat(new SubjectKeys(f.clock).shredAfter(c, "c1")).isEmpty();
            }
            String ref = pseudonym(f, "c3").orElseThrow();
            assertThat(auditOf(f, ref)).contains(AuditAction.REQUEST_RECEIVED, AuditAction.ERASE,
                    AuditAction.REQUEST_COMPLETED);

            // a sweep before the date leaves the key; a dry run at the date only counts it
            f.clock.moveTo(KEPT_UNTIL.minusSeconds(1));
            assertThat(new RetentionSweeper(f.runtime).sweep().auditKeysDestroyed()).isZero();
            assertThat(pseudonym(f, "c3")).contains(ref);
            f.clock.moveTo(KEPT_UNTIL);
            RetentionSweeper sweeper = new RetentionSweeper(f.runtime);
            assertThat(sweeper.sweep(SweepOptions.defaults().withDryRun(true)).auditKeysDestroyed()).isEqualTo(1);
            assertThat(pseudonym(f, "c3")).contains(ref);

            SweepReport sweep = sweeper.sweep();

            assertThat(sweep.auditKeysDestroyed()).isEqualTo(1);
            assertThat(pseudonym(f, "c3")).isEmpty();
            // the records are still there, under a pseudonym nobody can compute from the subject's id any more
            assertThat(auditOf(f, ref)).contains(AuditAction.ERASE, AuditAction.REQUEST_COMPLETED);
            assertThat(pseudonym(f, "c1")).isPresent();
            assertChainsIntact(f);
            assertThat(sweeper.sweep().auditKeysDestroyed()).isZero();
        }
    }

    @ProviderMatrix
    void withoutTheRuleTheKeyIsDestroyedAtErasure(JpaUnit unit) throws Exception {
        try (RequestFixture f = new RequestFixture(unit)) {
            try (ProcessingContext.Scope scope = ProcessingContext.open("treatment", "reception")) {
                JpaUnit.inTransaction(f.emf, em -> em.persist(new Questionnaire(3L, "c3", "Cy answers")));
            }
            DataSubjectRequest request = f.verified(RequestType.ERASURE, "c3");

            ErasureReport report = f.executor.erase(request.id());

            assertThat(report.notes()).extracting(Message::code).containsExactly("CUSTOS-04719");
            assertThat(pseudonym(f, "c3")).isEmpty();
            assertThat(text(f, "SELECT detail FROM custos_audit_record WHERE action = 'REQUEST_COMPLETED'"))
                    .contains("pseudonym key destroyed");
            assertChainsIntact(f);
        }
    }
}
