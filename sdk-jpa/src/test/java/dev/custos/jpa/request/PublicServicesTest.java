// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.request;

import static dev.custos.jpa.testing.Refusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.custos.core.audit.AuditAction;
import dev.custos.core.audit.AuditRecord;
import dev.custos.core.audit.ChainVerification;
import dev.custos.core.consent.ConsentStatus;
import dev.custos.jpa.access.Caller;
import dev.custos.jpa.access.ProcessingContext;
import dev.custos.jpa.audit.AuditQueries;
import dev.custos.jpa.consent.ConsentRegistry;
import dev.custos.jpa.retention.LegalHolds;
import dev.custos.jpa.retention.RetentionSweeper;
import dev.custos.jpa.retention.SweepOptions;
import dev.custos.jpa.testing.JpaUnit;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 19: the public services Java SE and CDI callers share apply the role rules themselves. Audit queries
 * ({@link AuditQueries}) merge both chains for a subject and require the auditor role; recording consent, placing
 * or releasing a hold and sweeping are refused to a caller in a read-only role (by default {@code custos-auditor})
 * before anything is stored.
 */
class PublicServicesTest {

    private static final Caller AUDITOR = Caller.named("inspector", Set.of("custos-auditor"));
    private static final Caller CLERK = Caller.named("clerk", Set.of());

    private static long count(RequestFixture f, String sql) throws Exception {
        try (Connection c = f.db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @MethodSource("dev.custos.jpa.testing.JpaUnit#matrix")
    void auditQueriesMergeBothChainsForAnAuditorOnly(JpaUnit unit) throws Exception {
        try (RequestFixture f = new RequestFixture(unit)) {
            f.readQuestionnaire(1L); // a READ of c1 on the read chain; the fixture's CREATEs are on the write chain
            AuditQueries queries = new AuditQueries(f.runtime);
            List<AuditRecord> records;
            Map<String, ChainVerification> verified;
            Optional<String> pseudonym;
            try (ProcessingContext.Scope scope = ProcessingContext.open("audit", AUDITOR)) {
                records = queries.forSubject("c1", Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"));
                verified = queries.verify();
                pseudonym = queries.pseudonymOf("c1");
                assertThat(queries.pseudonymOf("never-recorded")).isEmpty();
            }
            assertThat(records).extracting(r -> r.event().action()).contains(AuditAction.CREATE, AuditAction.READ);
            assertThat(records).isSortedAccordingTo(Comparator.comparing((AuditRecord r) -> r.event().occurredAt())
                    .thenComparingLong(AuditRecord::sequence));
            assertThat(records).allSatisfy(r -> assertThat(r.event().subjectRef()).isEqualTo(pseudonym.orElseThrow()));
            assertThat(verified).containsOnlyKeys(AuditQueries.WRITES, AuditQueries.READS, AuditQueries.LEDGER);
            assertThat(verified.values()).allMatch(ChainVerification::intact);

            try (ProcessingContext.Scope scope = ProcessingContext.open("audit", CLERK)) {
                assertThat(refusal(catchThrowable(() -> queries.forSubject("c1", Instant.EPOCH, Instant.now())))
                        .messageId()).isEqualTo("CUSTOS-04261");
                assertThat(refusal(catchThrowable(queries::verify)).messageId()).isEqualTo("CUSTOS-04261");
                assertThat(refusal(catchThrowable(() -> queries.pseudonymOf("c1"))).messageId())
                        .isEqualTo("CUSTOS-04261");
            }
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @MethodSource("dev.custos.jpa.testing.JpaUnit#matrix")
    void aReadOnlyCallerChangesNothingThroughAService(JpaUnit unit) throws Exception {
        try (RequestFixture f = new RequestFixture(unit)) {
            ConsentRegistry consents = new ConsentRegistry(f.runtime);
            LegalHolds holds = new LegalHolds(f.runtime);
            long ledgerBefore = count(f, "SELECT COUNT(*) FROM custos_consent_event");
            try (ProcessingContext.Scope scope = ProcessingContext.open("audit", AUDITOR)) {
                assertThat(refusal(catchThrowable(() -> consents.withdraw("c1", "newsletter", "inspector")))
                        .messageId()).isEqualTo("CUSTOS-04260");
                assertThat(refusal(catchThrowable(() -> consents.give("c2", "newsletter", "notice-1", "inspector")))
                        .messageId()).isEqualTo("CUSTOS-04260");
                assertThat(refusal(catchThrowable(() -> holds.place("c1", Optional.empty(), Optional.empty(),
                        "complaint-pending", ""))).messageId()).isEqualTo("CUSTOS-04260");
                assertThat(refusal(catchThrowable(() -> holds.release("any"))).messageId())
                        .isEqualTo("CUSTOS-04260");
                assertThat(refusal(catchThrowable(() -> new RetentionSweeper(f.runtime).sweep(SweepOptions.defaults())))
                        .messageId()).isEqualTo("CUSTOS-04260");
            }
            assertThat(count(f, "SELECT COUNT(*) FROM custos_consent_event")).isEqualTo(ledgerBefore);
            assertThat(count(f, "SELECT COUNT(*) FROM custos_legal_hold")).isZero();
            assertThat(consents.status("c1", "newsletter").state()).isEqualTo(ConsentStatus.State.ACTIVE);

            try (ProcessingContext.Scope scope = ProcessingContext.open("consent", CLERK)) {
                consents.withdraw("c1", "newsletter", "clerk");
            }
            assertThat(consents.status("c1", "newsletter").state()).isEqualTo(ConsentStatus.State.ENDED);
        }
    }
}
