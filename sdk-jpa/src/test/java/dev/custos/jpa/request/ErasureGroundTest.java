// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.consent.ConsentEvent;
import dev.custos.core.request.DataSubjectRequest;
import dev.custos.core.request.RequestType;
import dev.custos.jpa.retention.RetentionSweeper;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.ProviderMatrix;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Issue 18, item 7: each erasure's audit record cites the GDPR Art. 17(1) ground of its cause: (b) for a withdrawn
 * consent, by request or by the sweep, (a) for a retention period that ran out.
 */
class ErasureGroundTest {

    private static List<String> details(RequestFixture f, String entity, String field) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = f.db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT detail FROM custos_audit_record WHERE action = 'ERASE'"
                     + " AND entity_name = '" + entity + "' AND field_names = '" + field + "' ORDER BY record_seq")) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    @ProviderMatrix
    void aWithdrawalAndAnErasureRequestCiteConsentWithdrawnForConsentData(JpaUnit unit) throws Exception {
        try (RequestFixture f = new RequestFixture(unit)) {
            DataSubjectRequest withdrawal = f.verified(RequestType.CONSENT_WITHDRAWAL, "c1");
            f.executor.withdrawConsent(withdrawal.id(), Set.of("newsletter"));
            assertThat(details(f, "Client", "email"))
                    .containsExactly("request " + withdrawal.id() + ": GDPR Art. 17(1)(b)");

            DataSubjectRequest erasure = f.verified(RequestType.ERASURE, "c2");
            ErasureReport report = f.executor.erase(erasure.id());
            assertThat(report.lines(ErasureReport.Outcome.ERASED)).extracting(ErasureReport.Line::citation)
                    .containsOnly("GDPR Art. 17(1)(b)");
            assertThat(details(f, "Questionnaire", "answers"))
                    .containsExactly("request " + erasure.id() + ": GDPR Art. 17(1)(b)");
        }
    }

    @ProviderMatrix
    void theSweepCitesTheEndOfThePeriodOrTheWithdrawnConsent(JpaUnit unit) throws Exception {
        try (RequestFixture f = new RequestFixture(unit)) {
            f.consent(ConsentEvent.withdrawn("c1", "newsletter", RequestFixture.NOW));
            // Client.name is kept a year after the last session (2025-05-01)
            f.clock.moveTo(Instant.parse("2026-06-01T00:00:00Z"));

            new RetentionSweeper(f.runtime).sweep();

            assertThat(details(f, "Client", "email")).singleElement()
                    .satisfies(d -> assertThat(d).startsWith("rule newsletter, ").endsWith(", GDPR Art. 17(1)(b)"));
            assertThat(details(f, "Client", "name")).hasSize(2)
                    .allSatisfy(d -> assertThat(d).endsWith(", GDPR Art. 17(1)(a)"));
        }
    }
}
