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
import dev.custos.jpa.testmodel.CareNote;
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

/**
 * The Norwegian pack's journal rule (helsepersonelloven § 21a): only the treating clinician reads or changes a
 * journal note, on every provider and database; under the Danish pack the same entity is open to any caller.
 */
class AssignedCallerTest {

    private static final class Fixture implements AutoCloseable {
        final TestDatabase db;
        final EntityManagerFactory emf;

        Fixture(JpaUnit unit, String pack) {
            db = TestDatabase.empty(unit.database());
            emf = unit.openVariant("care", db, Map.of("custos.pack", pack));
            CustosJpa.start(unit.unitName(), emf, db.dataSource());
            try (ProcessingContext.Scope scope = ProcessingContext.open("treatment", "dr-berg")) {
                JpaUnit.inTransaction(emf, em -> em.persist(new CareNote(1L, "c1", "dr-berg", LocalDate.of(2026, 1, 5),
                        "first session")));
            }
        }

        String read(String caller) {
            try (ProcessingContext.Scope scope = ProcessingContext.open("treatment", caller)) {
                EntityManager em = emf.createEntityManager();
                try {
                    return em.find(CareNote.class, 1L).note;
                } finally {
                    em.close();
                }
            }
        }

        void write(String caller, String note) {
            try (ProcessingContext.Scope scope = ProcessingContext.open("treatment", caller)) {
                JpaUnit.inTransaction(emf, em -> em.find(CareNote.class, 1L).note = note);
            }
        }

        List<String> deniedAudit() throws SQLException {
            List<String> rows = new ArrayList<>();
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT action, actor, detail FROM custos_audit_record"
                         + " WHERE outcome = 'DENIED' ORDER BY chain_id, record_seq")) {
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
    void underTheNorwegianPackOnlyTheTreatingClinicianReadsOrChangesTheJournal(JpaUnit unit) throws Exception {
        try (Fixture f = new Fixture(unit, "no")) {
            assertThat(f.read("dr-berg")).isEqualTo("first session");

            AccessRefusedException read = refusal(catchThrowable(() -> f.read("dr-lie")));
            assertThat(read.messageId()).isEqualTo("CUSTOS-04409");
            assertThat(read.reasons()).extracting(Message::code).containsExactly("CUSTOS-04427");
            assertThat(read.reasons().get(0).text()).contains("journal").contains("§ 21a").doesNotContain("c1");

            // the read of a second clinician is refused before anything could be changed
            assertThat(refusal(catchThrowable(() -> f.write("dr-lie", "changed"))).messageId())
                    .isEqualTo("CUSTOS-04409");
            f.write("dr-berg", "second session");
            assertThat(f.read("dr-berg")).isEqualTo("second session");
            assertThat(f.deniedAudit()).containsExactly("READ_DENIED dr-lie CUSTOS-04427",
                    "READ_DENIED dr-lie CUSTOS-04427");
        }
    }

    @ProviderMatrix
    void aNoteReassignedToAnotherClinicianCannotBeWrittenByTheFormerOne(JpaUnit unit) throws Exception {
        try (Fixture f = new Fixture(unit, "no")) {
            AccessRefusedException write = refusal(catchThrowable(() -> {
                try (ProcessingContext.Scope scope = ProcessingContext.open("treatment", "dr-berg")) {
                    JpaUnit.inTransaction(f.emf, em -> em.find(CareNote.class, 1L).clinician = "dr-lie");
                }
            }));
            assertThat(write.messageId()).isEqualTo("CUSTOS-04422");
            assertThat(f.read("dr-berg")).isEqualTo("first session");
        }
    }

    @ProviderMatrix
    void underTheDanishPackAnyCallerMayReadIt(JpaUnit unit) throws Exception {
        try (Fixture f = new Fixture(unit, "dk")) {
            assertThat(f.read("dr-lie")).isEqualTo("first session");
            assertThat(f.deniedAudit()).isEmpty();
        }
    }
}
