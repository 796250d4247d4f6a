// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.access;

import static dev.custos.jpa.testing.Refusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.custos.core.Message;
import dev.custos.jpa.CustosJpa;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.ProviderMatrix;
import dev.custos.jpa.testing.TestDatabase;
import dev.custos.jpa.testmodel.Client;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Access policies on every provider and database: a denied read or write is refused and audited with the
 * caller's name, a policy that throws denies, and Custos' own work is not judged by them.
 */
class AccessPolicyTest {

    /** Auditors read but change nothing. */
    private static final AccessPolicy READ_ONLY_AUDITORS = check -> check.kind().writes() && check.caller().inRole("auditor")
            ? AccessVerdict.deny(Message.of(99001, "auditors change nothing"))
            : AccessVerdict.permit();

    private static final class Fixture implements AutoCloseable {
        final TestDatabase db;
        final EntityManagerFactory emf;

        Fixture(JpaUnit unit, AccessPolicy policy) {
            db = TestDatabase.empty(unit.database());
            emf = unit.open(db, Map.of("custos.pack", "dk"));
            CustosJpa.setup(unit.unitName(), emf, db.dataSource())
                    .callerSource(() -> Caller.named("front-desk", Set.of("staff")))
                    .accessPolicies(List.of(policy))
                    .start();
            JpaUnit.inTransaction(emf, em -> em.persist(new Client("c1", "Ada Lund", null, LocalDate.of(2024, 5, 1))));
        }

        List<String> audit(int chain) throws SQLException {
            List<String> rows = new ArrayList<>();
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT action, outcome, actor, detail FROM custos_audit_record"
                         + " WHERE chain_id = " + chain + " ORDER BY record_seq")) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
                }
            }
            return rows;
        }

        String name() throws SQLException {
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT name FROM Client WHERE clientId = 'c1'")) {
                rs.next();
                return rs.getString(1);
            }
        }

        @Override
        public void close() throws Exception {
            emf.close();
            db.close();
        }
    }

    private static void rename(EntityManagerFactory emf, String name) {
        JpaUnit.inTransaction(emf, em -> em.find(Client.class, "c1").name = name);
    }

    @ProviderMatrix
    void aWriteTheCallersRoleForbidsFailsAndIsAuditedWhileItsReadsPass(JpaUnit unit) throws Exception {
        try (Fixture f = new Fixture(unit, READ_ONLY_AUDITORS)) {
            try (ProcessingContext.Scope scope = ProcessingContext.open("treatment", Caller.named("eve", Set.of("auditor")))) {
                AccessRefusedException e = refusal(catchThrowable(() -> rename(f.emf, "Changed")));
                assertThat(e.messageId()).isEqualTo("CUSTOS-04422");
                assertThat(e.reasons()).extracting(Message::code).containsExactly("CUSTOS-99001");
                EntityManager em = f.emf.createEntityManager();
                try {
                    assertThat(em.find(Client.class, "c1").name).isEqualTo("Ada Lund");
                } finally {
                    em.close();
                }
            }
            assertThat(f.name()).isEqualTo("Ada Lund");
            // the e-mail is consent-based and masked under purpose "audit": that is audited too
            assertThat(f.audit(2)).containsExactly("READ_MASKED DENIED eve CUSTOS-04411",
                    "WRITE_DENIED DENIED eve CUSTOS-99001", "READ_MASKED DENIED eve CUSTOS-04411");
            assertThat(f.audit(1)).containsExactly("CREATE DONE front-desk null");

            rename(f.emf, "Ada Lund-Berg"); // staff from the caller source may write
            assertThat(f.name()).isEqualTo("Ada Lund-Berg");
            assertThat(f.audit(1)).last().isEqualTo("UPDATE DONE front-desk null");
        }
    }

    @ProviderMatrix
    void anApplicationThatCatchesTheRefusalAndCommitsAnywayStillStoresNothing(JpaUnit unit) throws Exception {
        try (Fixture f = new Fixture(unit, READ_ONLY_AUDITORS)) {
            try (ProcessingContext.Scope scope = ProcessingContext.open("treatment", Caller.named("eve", Set.of("auditor")))) {
                EntityManager em = f.emf.createEntityManager();
                try {
                    em.getTransaction().begin();
                    em.find(Client.class, "c1").name = "Forged";
                    Throwable refused = catchThrowable(em::flush);
                    assertThat(refusal(refused).messageId()).isEqualTo("CUSTOS-04422");
                    catchThrowable(() -> em.getTransaction().commit()); // must not store the change
                } finally {
                    if (em.getTransaction().isActive()) {
                        em.getTransaction().rollback();
                    }
                    em.close();
                }
            }
            assertThat(f.name()).isEqualTo("Ada Lund");
        }
    }

    @ProviderMatrix
    void aDeniedReadIsRefusedAndAPolicyThatThrowsDenies(JpaUnit unit) throws Exception {
        AccessPolicy onlyStaff = check -> {
            if (check.caller().name().equals("broken")) {
                throw new IllegalStateException("directory down");
            }
            return check.caller().inRole("staff") ? AccessVerdict.permit()
                    : AccessVerdict.deny(Message.of(99002, "staff only"));
        };
        try (Fixture f = new Fixture(unit, onlyStaff)) {
            try (ProcessingContext.Scope scope = ProcessingContext.open("treatment", "visitor")) {
                AccessRefusedException e = refusal(catchThrowable(() -> find(f.emf)));
                assertThat(e.messageId()).isEqualTo("CUSTOS-04409");
                assertThat(e.reasons()).extracting(Message::code).containsExactly("CUSTOS-99002");
            }
            try (ProcessingContext.Scope scope = ProcessingContext.open("treatment", "broken")) {
                AccessRefusedException e = refusal(catchThrowable(() -> find(f.emf)));
                assertThat(e.reasons()).extracting(Message::code).containsExactly("CUSTOS-04423");
                // the policy's own message may hold personal data: its class is named instead
                assertThat(e.reasons().get(0).toString()).contains("IllegalStateException")
                        .doesNotContain("directory down");
            }
            try (ProcessingContext.Scope scope = ProcessingContext.open("treatment")) {
                assertThat(find(f.emf).name).isEqualTo("Ada Lund"); // the source's caller is staff
            }
            try (ProcessingContext.Scope scope = ProcessingContext.open("treatment", Caller.system("custos-job"))) {
                assertThat(find(f.emf).name).isEqualTo("Ada Lund"); // Custos' own work is not judged
            }
            assertThat(f.audit(2)).containsExactly("READ_DENIED DENIED visitor CUSTOS-99002",
                    "READ_DENIED DENIED broken CUSTOS-04423", "READ_MASKED DENIED front-desk CUSTOS-04411",
                    "READ_MASKED DENIED custos-job CUSTOS-04411");
        }
    }

    private static Client find(EntityManagerFactory emf) {
        EntityManager em = emf.createEntityManager();
        try {
            return em.find(Client.class, "c1");
        } finally {
            em.close();
        }
    }
}
