// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.request;

import static dev.custos.jpa.testing.Refusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.custos.core.CustosException;
import dev.custos.core.retention.LegalHold;
import dev.custos.jpa.access.Caller;
import dev.custos.jpa.access.ProcessingContext;
import dev.custos.jpa.retention.LegalHolds;
import dev.custos.jpa.internal.store.AuditTrail;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.ProviderMatrix;
import dev.custos.jpa.testmodel.Questionnaire;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Issue 18, item 7: placing and releasing a legal hold through the Java SE API checks the reason against the pack and
 * writes HOLD_PLACED and HOLD_RELEASED in the hold's transaction; work with no caller is audited under a name that
 * says so.
 */
class HoldAuditTest {

    /** Each row's columns joined by a space (in Java: MariaDB reads {@code ||} as OR, not as concatenation). */
    private static List<String> rows(RequestFixture f, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = f.db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(rs.getString(i));
                }
                rows.add(String.join(" ", values));
            }
        }
        return rows;
    }

    @ProviderMatrix
    void holdsArePlacedAndReleasedWithTheirAuditRecords(JpaUnit unit) throws Exception {
        try (RequestFixture f = new RequestFixture(unit)) {
            LegalHolds holds = new LegalHolds(f.runtime);
            LegalHold hold;
            try (ProcessingContext.Scope scope = ProcessingContext.open("legal", "dpo")) {
                hold = holds.place("c1", Optional.of("JournalEntry"), Optional.empty(), "complaint-pending",
                        "complaint 2026-4");
            }
            assertThat(hold.placedBy()).isEqualTo("dpo");
            assertThat(rows(f, "SELECT actor, entity_name, legal_basis FROM custos_audit_record"
                    + " WHERE action = 'HOLD_PLACED' AND detail LIKE '%" + hold.id() + "%'"))
                    .containsExactly("dpo JournalEntry Autorisationsloven (Danish act on authorisation of health"
                            + " professionals), as amended after bill L 181 (2024-25) § 25, stk. 2");
            assertThat(rows(f, "SELECT subject_ref FROM custos_audit_record WHERE action = 'HOLD_PLACED'"))
                    .singleElement().satisfies(ref -> assertThat(ref).startsWith("ps1:"));

            try (ProcessingContext.Scope scope = ProcessingContext.open("legal", "lawyer")) {
                assertThat(holds.release(hold.id())).isTrue();
                assertThat(holds.release(hold.id())).as("released twice").isFalse();
            }
            assertThat(rows(f, "SELECT actor FROM custos_audit_record WHERE action = 'HOLD_RELEASED'"))
                    .containsExactly("lawyer");
            assertThat(rows(f, "SELECT released_by FROM custos_legal_hold")).containsExactly("lawyer");
            assertThat(holds.release("no-such-hold")).isFalse();
            try (Connection c = f.db.connect()) {
                assertThat(new AuditTrail(1, f.clock).verify(c).intact()).isTrue();
            }
        }
    }

    @ProviderMatrix
    void aHoldReasonThePackDoesNotHaveIsRefusedAndNothingIsStored(JpaUnit unit) throws Exception {
        try (RequestFixture f = new RequestFixture(unit)) {
            CustosException e = catchThrowableOfType(() -> new LegalHolds(f.runtime).place("c1", Optional.empty(),
                    Optional.empty(), "complaint-pendng", ""), CustosException.class);

            assertThat(e.messageId()).isEqualTo("CUSTOS-04550");
            assertThat(e.getMessage()).contains("complaint-pending");
            assertThat(rows(f, "SELECT hold_id FROM custos_legal_hold")).isEmpty();
            assertThat(rows(f, "SELECT action FROM custos_audit_record WHERE action LIKE 'HOLD%'")).isEmpty();
        }
    }

    @ProviderMatrix
    void workWithNoCallerIsAuditedAsUnauthenticated(JpaUnit unit) throws Exception {
        try (RequestFixture f = new RequestFixture(unit)) {
            // a write outside any processing scope, with no security context: the unit's caller source knows nobody;
            // health data is not written with no purpose, and the refusal names the actor
            assertThat(refusal(catchThrowable(() -> JpaUnit.inTransaction(f.emf,
                    em -> em.persist(new Questionnaire(7L, "c7", "answers"))))).messageId()).isEqualTo("CUSTOS-04570");
            LegalHold hold = new LegalHolds(f.runtime).place("c7", Optional.empty(), Optional.empty(),
                    "legal-claims", "");

            assertThat(rows(f, "SELECT actor FROM custos_audit_record WHERE action = 'WRITE_DENIED'"
                    + " AND entity_name = 'Questionnaire' AND entity_id = '7'")).containsExactly("unauthenticated");
            assertThat(hold.placedBy()).isEqualTo("unauthenticated");
            assertThat(rows(f, "SELECT actor FROM custos_audit_record WHERE action = 'HOLD_PLACED'"))
                    .containsExactly("unauthenticated");
            assertThat(Caller.UNKNOWN).isSameAs(Caller.UNAUTHENTICATED);
        }
    }
}
