// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.consent.ConsentEvidence;
import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.consent.ConsentRegistry;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.ProviderMatrix;
import dev.custos.jpa.testing.TestDatabase;
import dev.custos.jpa.testmodel.Client;
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
 * Issue 24: a consent-based value may be written before its consent is recorded (a sign-up form collects the
 * address and the consent together), so the write is allowed; its audit record says that it was written without
 * the consent in force, and why. Reads still wait for the consent.
 */
class ConsentBasedWriteTest {

    @ProviderMatrix
    void aWriteWithoutConsentIsAllowedAndAuditedAsSuch(JpaUnit unit) throws Exception {
        try (TestDatabase db = TestDatabase.empty(unit.database())) {
            EntityManagerFactory emf = unit.open(db, Map.of("custos.pack", "dk"));
            try {
                ConsentRegistry consents = new ConsentRegistry(CustosJpa.start(unit.unitName(), emf,
                        db.dataSource(), Clock.systemUTC()));
                try (ProcessingContext.Scope newsletter = ProcessingContext.open("newsletter", "web")) {
                    JpaUnit.inTransaction(emf, em -> em.persist(new Client("c1", "Ada Lund", "ada@example.org",
                            LocalDate.of(2026, 1, 5))));
                    // the address is masked to a reader until the consent is given
                    String masked = JpaUnit.inTransactionReturning(emf, em -> em.find(Client.class, "c1").email);
                    assertThat(masked).isNull();

                    consents.give("c1", "newsletter", "notice-1", ConsentEvidence.NONE.withAgeAtLeast(18), "web");
                    JpaUnit.inTransaction(emf, em -> em.persist(new Client("c2", "Bo Berg", "bo@example.org",
                            LocalDate.of(2026, 1, 5))));
                    JpaUnit.inTransaction(emf, em -> em.find(Client.class, "c1").email = "ada@example.net");
                    String read = JpaUnit.inTransactionReturning(emf, em -> em.find(Client.class, "c1").email);
                    assertThat(read).isEqualTo("ada@example.net");
                }
                // a client written with no consent-based value needs no consent
                JpaUnit.inTransaction(emf, em -> em.persist(new Client("c3", "Cy Dahl", null,
                        LocalDate.of(2026, 1, 5))));
            } finally {
                emf.close();
            }

            // c1 before its consent, c2 (whose consent was never given) and c1's change after the consent; c3 holds
            // no consent-based value (an insert lists every field)
            String withoutConsent = "CREATE [email,name] CUSTOS-04508: Written without the subject's consent in"
                    + " force for [email] (CUSTOS-02002): allowed, as data is often collected before or with its"
                    + " consent, and read only once the consent is given";
            assertThat(writes(db)).containsExactlyInAnyOrder(withoutConsent, withoutConsent, "UPDATE [email] ",
                    "CREATE [email,name] ");
            assertThat(String.join("\n", writes(db))).doesNotContain("ada@").doesNotContain("Ada Lund");
        }
    }

    /** The trail's writes of clients: action, fields and detail. */
    private static List<String> writes(TestDatabase db) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT action, field_names, COALESCE(detail, '') FROM custos_audit_record"
                     + " WHERE entity_name = 'Client' AND action IN ('CREATE', 'UPDATE')")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " [" + rs.getString(2) + "] " + rs.getString(3));
            }
        }
        return rows;
    }
}
