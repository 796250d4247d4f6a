// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.Message;
import dev.custos.core.metadata.PersonalDataAttribute;
import dev.custos.jpa.EntityMapping;
import dev.custos.jpa.access.ProcessingContext;
import dev.custos.jpa.internal.store.AuditTrail;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.ProviderMatrix;
import dev.custos.jpa.testmodel.Inquiry;
import dev.custos.jpa.testmodel.Member;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * What an erasure request does with values decided for erasure, by the declared strategy. The rows are handed to
 * {@link RequestErasure} directly: the engine leaves contract and legitimate-interest data (Member, Inquiry) to a
 * person's review, and the executor has no way yet to record that decision.
 */
class RequestErasureTest {

    private static final List<String> MEMBER = List.of("nickname", "birthYear", "lastVisit");
    private static final List<String> INQUIRY = List.of("message", "lastCorrespondence");

    private static long count(RequestFixture f, String sql) throws Exception {
        try (Connection c = f.db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String text(RequestFixture f, String sql) throws Exception {
        try (Connection c = f.db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static List<String> erases(RequestFixture f) throws Exception {
        return f.audit(1).stream().filter(a -> a.startsWith("ERASE ")).toList();
    }

    private static void seed(RequestFixture f) {
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
    }

    /** Erases, in one transaction as request {@code requestId}, what {@code rows} list; returns the notes. */
    private static List<Message> erase(RequestFixture f, String requestId, Object[][] rows) throws Exception {
        SubjectRows subjectRows = new SubjectRows(f.emf.getMetamodel());
        return f.runtime.transactions().inUnitTransaction(f.emf, f.runtime.dataSource(), (em, connection) -> {
            UnitOfWork work = new UnitOfWork(em, connection);
            RequestErasure eraser = new RequestErasure(f.runtime, subjectRows, work, requestId, "p9");
            for (Object[] row : rows) {
                EntityMapping mapping = f.runtime.mapping((Class<?>) row[0]).orElseThrow();
                List<String> names = row[0] == Member.class ? MEMBER : INQUIRY;
                List<PersonalDataAttribute> attributes = mapping.model().attributes();
                eraser.erase(mapping, new SubjectRows.Row(row[1], Arrays.asList((Object[]) row[2])), names,
                        attributes, (Boolean) row[3], java.util.Map.of());
            }
            eraser.endOfPage();
            return eraser.notes(List.of());
        });
    }

    @ProviderMatrix
    void deleteRowDeletesAnonymizeAndPseudonymizeWriteTheirValuesEachLoggedAndAuditedOnce(JpaUnit unit)
            throws Exception {
        try (RequestFixture f = new RequestFixture(unit)) {
            seed(f);
            Object[][] rows = {
                    {Member.class, 10L, new Object[] {"Bobby", 1980, LocalDate.of(2024, 1, 10)}, true},
                    {Inquiry.class, 10L, new Object[] {"call me", null}, true}};

            List<Message> notes = erase(f, "dsr-1", rows);

            assertThat(notes).extracting(Message::code).containsExactly("CUSTOS-04719");
            assertThat(count(f, "SELECT COUNT(*) FROM Inquiry WHERE id = 10")).isZero();
            assertThat(count(f, "SELECT COUNT(*) FROM Inquiry WHERE id = 11")).isEqualTo(1);
            assertThat(text(f, "SELECT nickname FROM Member WHERE id = 10")).matches("ps1:[0-9a-f]{32}");
            assertThat(text(f, "SELECT birthYear FROM Member WHERE id = 10")).isEqualTo("0");
            assertThat(text(f, "SELECT searchName FROM Member WHERE id = 10")).isEqualTo("anonymised");
            String rule = " AND rule_id = 'request:dsr-1' AND run_id = 'dsr-1'";
            assertThat(count(f, "SELECT COUNT(*) FROM custos_erasure_log WHERE entity_name = 'Inquiry'"
                    + " AND entity_id = '10' AND attributes = '*' AND strategy = 'DELETE_ROW'" + rule)).isEqualTo(1);
            assertThat(count(f, "SELECT COUNT(*) FROM custos_erasure_log WHERE entity_name = 'Member'"
                    + " AND attributes = 'birthYear' AND strategy = 'ANONYMIZE'" + rule)).isEqualTo(1);
            assertThat(count(f, "SELECT COUNT(*) FROM custos_erasure_log WHERE entity_name = 'Member'"
                    + " AND attributes = 'nickname,searchName' AND strategy = 'PSEUDONYMIZE'" + rule))
                    .isEqualTo(1);
            assertThat(erases(f)).containsExactly("ERASE DONE Member nickname,searchName data-subject-request",
                    "ERASE DONE Member birthYear data-subject-request",
                    "ERASE DONE Inquiry message data-subject-request");
            String pseudonym = text(f, "SELECT nickname FROM Member WHERE id = 10");

            // the same request again: the erasure log makes it a no-op
            erase(f, "dsr-1", new Object[][] {
                    {Member.class, 10L, new Object[] {pseudonym, 0, LocalDate.of(2024, 1, 10)}, true}});

            assertThat(text(f, "SELECT nickname FROM Member WHERE id = 10")).isEqualTo(pseudonym);
            assertThat(count(f, "SELECT COUNT(*) FROM custos_erasure_log")).isEqualTo(3);
            assertThat(erases(f)).hasSize(3);
            try (Connection c = f.db.connect()) {
                assertThat(new AuditTrail(1, f.clock).verify(c).intact()).isTrue();
            }
        }
    }

    @ProviderMatrix
    void aDeleteRowRowWithAValueKeptIsNulledNotDeleted(JpaUnit unit) throws Exception {
        try (RequestFixture f = new RequestFixture(unit)) {
            seed(f);

            List<Message> notes = erase(f, "dsr-2", new Object[][] {
                    {Inquiry.class, 11L, new Object[] {"call me too", null}, false}});

            assertThat(notes).extracting(Message::code).containsExactly("CUSTOS-04718", "CUSTOS-04719");
            assertThat(notes.get(0).text()).contains("Inquiry", "row 11");
            assertThat(count(f, "SELECT COUNT(*) FROM Inquiry WHERE id = 11")).isEqualTo(1);
            assertThat(text(f, "SELECT message FROM Inquiry WHERE id = 11")).isNull();
            assertThat(count(f, "SELECT COUNT(*) FROM custos_erasure_log WHERE entity_name = 'Inquiry'"
                    + " AND entity_id = '11' AND attributes = 'message' AND strategy = 'NULLIFY'")).isEqualTo(1);
        }
    }
}
