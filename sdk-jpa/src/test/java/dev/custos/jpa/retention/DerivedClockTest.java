// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.Message;
import dev.custos.core.request.RequestType;
import dev.custos.core.retention.RetentionDecision.Status;
import dev.custos.jpa.request.ErasureReport;
import dev.custos.jpa.request.RequestExecutor;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.ProviderMatrix;
import dev.custos.jpa.testmodel.clocks.Note;
import dev.custos.jpa.testmodel.clocks.Owner;
import dev.custos.jpa.testmodel.clocks.Pet;
import dev.custos.jpa.testmodel.clocks.Visit;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Retention clocks no column of the row holds: an owner's data runs from the last (or first) visit of any of its
 * pets (owner, pets, visits, date), a journal note from the client's latest note, the phone number until the next
 * yearly review day, and the bank account (pack rule bookkeeping, from the end of the fiscal year) from one clock of
 * an entity that has three. The sweep, the preview, the adoption report and an erasure request read the same
 * clocks; a row without a clock value is kept. Today is 2025-03-16 in Copenhagen.
 */
class DerivedClockTest {

    private static long visitId = 1;

    /** Owners o1-o5 with their pets' visits, and the notes of clients c1 and c2. */
    private static void data(SweepFixture f) {
        f.persist(em -> {
            owner(em, "o1", LocalDate.of(2018, 6, 1), List.of(LocalDate.of(2021, 3, 1)), List.of(LocalDate.of(2021, 12, 1)));
            owner(em, "o2", LocalDate.of(2024, 1, 1), List.of(LocalDate.of(2020, 1, 1)), List.of(LocalDate.of(2024, 6, 1)));
            owner(em, "o3", LocalDate.of(2024, 1, 1));
            owner(em, "o4", LocalDate.of(2024, 1, 1), List.of(LocalDate.of(2024, 2, 1)));
            owner(em, "o5", LocalDate.of(2024, 1, 1), List.of(LocalDate.of(2019, 5, 1)));
            em.persist(new Note(1L, "c1", LocalDate.of(2019, 1, 1), "first"));
            em.persist(new Note(2L, "c1", LocalDate.of(2019, 6, 1), "second"));
            em.persist(new Note(3L, "c1", LocalDate.of(2021, 1, 1), "latest"));
            em.persist(new Note(4L, "c2", LocalDate.of(2019, 1, 1), "old"));
            em.persist(new Note(5L, "c2", LocalDate.of(2020, 1, 1), "old too"));
        });
    }

    @SafeVarargs
    private static void owner(EntityManager em, String id, LocalDate registered, List<LocalDate>... petsVisits) {
        Owner owner = new Owner(id, registered, "name of " + id);
        em.persist(owner);
        long petId = owner.id.hashCode() * 10L;
        for (List<LocalDate> visits : petsVisits) {
            Pet pet = new Pet(petId++, owner);
            em.persist(pet);
            for (LocalDate date : visits) {
                em.persist(new Visit(visitId++, pet, date));
            }
        }
    }

    @ProviderMatrix
    void theSweepErasesByTheDerivedClocksAndKeepsRowsWithoutAClockValue(JpaUnit unit) throws Exception {
        try (SweepFixture f = SweepFixture.onVariant(unit, "clocks")) {
            data(f);

            SweepReport report = new RetentionSweeper(f.runtime).sweep(SweepOptions.defaults().withBatchSize(2));

            assertThat(report.outcome()).isEqualTo(SweepReport.Outcome.COMPLETED);
            // three years after the last visit: o1 (2021-12-01) and o5 (2019-05-01); o2's last visit is 2024
            assertThat(ids(f, "SELECT id FROM ClockOwner WHERE name IS NULL")).containsExactly("o1", "o5");
            // a year after the last visit, at the next 31 January: o4's year ended 2025-02-01, so 2026-01-31
            assertThat(ids(f, "SELECT id FROM ClockOwner WHERE phone IS NULL")).containsExactly("o1", "o5");
            // ten years after the first visit: none yet
            assertThat(ids(f, "SELECT id FROM ClockOwner WHERE firstPetName IS NULL")).isEmpty();
            // five years after the end of the fiscal year of the last visit: o5 (2019) only
            assertThat(ids(f, "SELECT id FROM ClockOwner WHERE bankAccount IS NULL")).containsExactly("o5");
            // the attribute anchor beside the derived clocks: two years after registration
            assertThat(ids(f, "SELECT id FROM ClockOwner WHERE address IS NULL")).containsExactly("o1");
            // every note of c1 runs from its latest, 2021-01-01; c2's latest is 2020-01-01
            assertThat(ids(f, "SELECT id FROM ClockNote WHERE text IS NULL")).containsExactly("4", "5");
            assertThat(f.verifyWriteChain().intact()).isTrue();
        }
    }

    @ProviderMatrix
    void thePreviewAndTheAdoptionReportReadTheSameClocks(JpaUnit unit) throws Exception {
        try (SweepFixture f = SweepFixture.onVariant(unit, "clocks")) {
            data(f);
            RetentionSweeper sweeper = new RetentionSweeper(f.runtime);

            List<PreviewEntry> preview = sweeper.preview(1000);

            assertThat(entry(preview, "Owner", "o3", "P3Y after last-visit").status()).isEqualTo(Status.UNDETERMINED);
            assertThat(entry(preview, "Owner", "o2", "P3Y after last-visit").status()).isEqualTo(Status.RETAINED);
            assertThat(entry(preview, "Owner", "o2", "P3Y after last-visit").dueAt())
                    .contains(Instant.parse("2027-06-01T21:59:59.999999999Z"));
            assertThat(entry(preview, "Owner", "o4", "P1Y after last-visit at next --01-31").dueAt())
                    .contains(Instant.parse("2026-01-30T23:00:00Z"));
            assertThat(entry(preview, "Owner", "o1", "bookkeeping").dueAt())
                    .contains(Instant.parse("2026-12-31T23:00:00Z"));
            assertThat(entry(preview, "Note", "1", "P5Y after last-note").status()).isEqualTo(Status.RETAINED);
            assertThat(entry(preview, "Note", "4", "P5Y after last-note").status()).isEqualTo(Status.DUE);

            AdoptionReport.Line names = sweeper.adoptionReport().lines().stream()
                    .filter(l -> l.entity().equals("Owner") && l.ruleId().equals("P3Y after last-visit"))
                    .findFirst().orElseThrow();
            assertThat(List.of(names.due(), names.kept(), names.noClock())).containsExactly(2L, 2L, 1L);
            assertThat(names.advice()).extracting(Message::code).contains("CUSTOS-04661");
            Message noClock = names.advice().stream().filter(m -> m.code().equals("CUSTOS-04661")).findFirst()
                    .orElseThrow();
            assertThat(noClock.text()).contains("last-visit", "pets.visits.date").doesNotContain("o3");
            assertThat(f.erasureLog()).isZero();
        }
    }

    @ProviderMatrix
    void anErasureRequestKeepsBookkeepingDataUntilTheDerivedClockRunsOut(JpaUnit unit) throws Exception {
        try (SweepFixture f = SweepFixture.onVariant(unit, "clocks")) {
            data(f);
            RequestExecutor executor = new RequestExecutor(f.runtime);

            ErasureReport withVisits = executor.erase(verified(executor, f, "o1"));
            ErasureReport withoutVisits = executor.erase(verified(executor, f, "o3"));

            ErasureReport.Line account = line(withVisits, "bankAccount");
            assertThat(account.outcome()).isEqualTo(ErasureReport.Outcome.KEPT);
            // from the end of 2021, the fiscal year of o1's last visit
            assertThat(account.keepUntil()).contains(Instant.parse("2026-12-31T23:00:00Z"));
            ErasureReport.Line unknown = line(withoutVisits, "bankAccount");
            assertThat(unknown.outcome()).isEqualTo(ErasureReport.Outcome.KEPT);
            assertThat(unknown.keepUntil()).isEmpty();
            assertThat(ids(f, "SELECT id FROM ClockOwner WHERE bankAccount IS NOT NULL")).contains("o1", "o3");
        }
    }

    /**
     * Set-based: the preview reads each derived clock with one grouped statement per batch of rows, whatever the
     * number of rows. The provider's statements are counted on the unit's data source (Custos' own tables go
     * through another one); per row, the 5 owners and 5 notes would take 25 clock statements.
     */
    @ProviderMatrix
    void eachClockIsReadWithOneStatementPerBatchNotOnePerRow(JpaUnit unit) throws Exception {
        List<String> statements = java.util.Collections.synchronizedList(new ArrayList<>());
        try (SweepFixture f = SweepFixture.onVariant(unit, "clocks", db -> java.util.Map.of(
                "jakarta.persistence.nonJtaDataSource", countingDataSource(db.dataSource(), statements)))) {
            data(f);
            statements.clear();

            new RetentionSweeper(f.runtime).preview(1000);

            // Owner: three groups run from last-visit (name, phone, bankAccount), one from first-visit; Note: one
            List<String> clockReads = statements.stream().map(sql -> sql.toLowerCase(java.util.Locale.ROOT))
                    .filter(sql -> (sql.contains("max(") || sql.contains("min(")) && sql.contains("group by"))
                    .toList();
            assertThat(clockReads).as("%s", statements).hasSize(5);
            assertThat(clockReads.stream().filter(sql -> sql.contains("clockvisit"))).hasSize(4);
            assertThat(clockReads.stream().filter(sql -> sql.contains("clocknote"))).hasSize(1);
        }
    }

    /** A data source over the fixture's database that records the SQL of every statement prepared on it. */
    private static javax.sql.DataSource countingDataSource(javax.sql.DataSource database, List<String> statements) {
        return (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(DerivedClockTest.class.getClassLoader(),
                new Class<?>[] {javax.sql.DataSource.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("getConnection")) {
                        return invoke(method, database, args);
                    }
                    Connection connection = (Connection) invoke(method, database, args);
                    return java.lang.reflect.Proxy.newProxyInstance(DerivedClockTest.class.getClassLoader(),
                            new Class<?>[] {Connection.class}, (p, m, a) -> {
                                if (m.getName().startsWith("prepare") && a != null && a[0] instanceof String sql) {
                                    statements.add(sql);
                                }
                                return invoke(m, connection, a);
                            });
                });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static String verified(RequestExecutor executor, SweepFixture f, String subject) {
        String id = executor.receive(RequestType.ERASURE, subject, f.clock.instant()).id();
        return executor.verifyIdentity(id, "front-desk").id();
    }

    private static ErasureReport.Line line(ErasureReport report, String attribute) {
        return report.lines().stream().filter(l -> l.attribute().equals(attribute)).findFirst().orElseThrow();
    }

    private static PreviewEntry entry(List<PreviewEntry> preview, String entity, String id, String rule) {
        Optional<PreviewEntry> found = preview.stream().filter(e -> e.entity().equals(entity)
                && e.entityId().equals(id) && e.ruleId().equals(rule)).findFirst();
        assertThat(found).as("%s %s %s in %s", entity, id, rule, preview).isPresent();
        return found.get();
    }

    private static List<String> ids(SweepFixture f, String sql) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = f.db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql + " ORDER BY id")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }
}
