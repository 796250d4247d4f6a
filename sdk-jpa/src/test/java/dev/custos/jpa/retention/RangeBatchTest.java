// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.retention.RetentionDecision.Status;
import dev.custos.jpa.internal.store.ErasureEntry;
import dev.custos.jpa.internal.store.ErasureLog;
import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.ProviderMatrix;
import dev.custos.jpa.testmodel.Client;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Batches locked by key range (groups {@link SweepGroup#lockedByRange()}): every due row is erased, logged and
 * audited once across batch boundaries, over gaps in the ids, for text ids, with a held subject in the middle of a
 * range, and when another sweeper logs a row of the batch while it runs. CareNote (numeric id, NULLIFY, five
 * years after its last entry) and Client (text id, NULLIFY, a year after its last session), every provider and
 * database, at 2025-03-16 under pack dk.
 */
class RangeBatchTest {

    private static final LocalDate DUE = LocalDate.of(2019, 1, 10);
    private static final LocalDate NOT_DUE = LocalDate.of(2024, 1, 10);

    /** Care notes by SQL (the entity assigns its clinician to the caller), the subject {@code c<id / 10>}. */
    private static void notes(SweepFixture f, LocalDate lastEntry, long... ids) throws SQLException {
        try (Connection c = f.db.transaction(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO CareNote (id, clientId, clinician, lastEntry, note) VALUES (?, ?, 'dr', ?, ?)")) {
            for (long id : ids) {
                insert.setLong(1, id);
                insert.setString(2, "c" + id / 10);
                insert.setDate(3, java.sql.Date.valueOf(lastEntry));
                insert.setString(4, "note " + id);
                insert.executeUpdate();
            }
            c.commit();
        }
    }

    private static long kept(SweepFixture f) throws SQLException {
        return f.count("SELECT COUNT(*) FROM CareNote WHERE note IS NOT NULL");
    }

    @ProviderMatrix
    void batchesOverGapsInTheIdsEraseEveryDueRowOnceAndKeepTheHeldSubjectInTheMiddle(JpaUnit unit) throws Exception {
        try (SweepFixture f = SweepFixture.onVariant(unit, "care")) {
            // 10 due rows with gaps, 2 not due between them; subject c30's two rows are held, mid-range
            notes(f, DUE, 1, 2, 3, 30, 31, 32, 500, 501, 9000, 9002);
            notes(f, NOT_DUE, 4, 502);
            f.hold("c3", "hold-c3");
            List<SweepProgress> batches = new ArrayList<>();

            SweepReport report = new RetentionSweeper(f.runtime).sweep(SweepOptions.defaults().withBatchSize(3)
                    .withListener(p -> {
                        if (p.entity().equals("CareNote")) {
                            batches.add(p);
                        }
                    }));

            assertThat(report.outcome()).isEqualTo(SweepReport.Outcome.COMPLETED);
            assertThat(f.text("SELECT note FROM CareNote WHERE id = 30")).isEqualTo("note 30"); // c3 is held
            assertThat(f.text("SELECT note FROM CareNote WHERE id = 4")).isEqualTo("note 4");
            assertThat(f.text("SELECT note FROM CareNote WHERE id = 9002")).isNull();
            assertThat(kept(f)).isEqualTo(5); // 30, 31, 32 (c3) and 4, 502 (not due)
            assertThat(f.count("SELECT COUNT(*) FROM custos_erasure_log WHERE entity_name = 'CareNote'"))
                    .isEqualTo(7);
            assertThat(f.erasedIdsListed("CareNote")).hasSize(7);
            // one ERASE record per batch and subject, listing its rows: c0's 1-3, c50's 500-501, c900's 9000
            // and, in the last batch, 9002
            assertThat(f.count("SELECT COUNT(*) FROM custos_audit_record WHERE action = 'ERASE'"
                    + " AND entity_name = 'CareNote'")).isEqualTo(4);
            assertThat(f.text("SELECT entity_id FROM custos_audit_record WHERE action = 'ERASE'"
                    + " AND entity_name = 'CareNote' AND entity_id LIKE '1,%'")).isEqualTo("1,2,3");
            assertThat(f.verifyWriteChain().intact()).isTrue();
            assertThat(report.kept(Status.HELD)).isEqualTo(3);
            // the 10 candidates (not-due rows are left out by the cutoff), 3 a batch: 3, 3, 3, 1
            assertThat(batches).extracting(SweepProgress::candidates).containsExactly(3, 3, 3, 1);
            assertThat(batches).extracting(SweepProgress::erased).containsExactly(3, 0, 3, 1);
            assertThat(f.duplicates()).isZero();
            assertThat(f.verifyWriteChain().intact()).isTrue();

            SweepReport again = new RetentionSweeper(f.runtime).sweep(SweepOptions.defaults().withBatchSize(3));
            assertThat(again.erased()).isZero();
            assertThat(again.kept(Status.HELD)).isEqualTo(3);
            assertThat(f.count("SELECT COUNT(*) FROM custos_erasure_log WHERE entity_name = 'CareNote'"))
                    .isEqualTo(7);
        }
    }

    @ProviderMatrix
    void textIdsAreBatchedInTheDatabasesOrder(JpaUnit unit) throws Exception {
        try (SweepFixture f = new SweepFixture(unit)) {
            f.persist(em -> {
                for (String id : List.of("a", "b10", "b2", "b9", "c", "Z", "zz")) {
                    em.persist(new Client(id, "Name " + id, null, LocalDate.of(2024, 1, 10)));
                }
                em.persist(new Client("keep", "Name keep", null, LocalDate.of(2025, 1, 10)));
            });
            f.hold("b9", "hold-b9");

            SweepReport report = new RetentionSweeper(f.runtime).sweep(SweepOptions.defaults().withBatchSize(2));

            assertThat(report.failures()).isEmpty();
            assertThat(report.erased()).isEqualTo(6);
            assertThat(report.kept(Status.HELD)).isEqualTo(1);
            assertThat(f.count("SELECT COUNT(*) FROM Client WHERE name IS NOT NULL")).isEqualTo(2);
            assertThat(f.text("SELECT name FROM Client WHERE clientId = 'b9'")).isEqualTo("Name b9");
            assertThat(f.erasureLog()).isEqualTo(6);
            assertThat(f.erasedRowsAudited()).isEqualTo(6);
            assertThat(f.duplicates()).isZero();
        }
    }

    @ProviderMatrix
    void aRowAnotherSweeperLogsWhileTheBatchRunsIsNotErasedTwice(JpaUnit unit) throws Exception {
        try (SweepFixture f = SweepFixture.onVariant(unit, "care")) {
            notes(f, DUE, 1, 2, 3);
            List<List<Object>> locked = new ArrayList<>();
            BatchWork.Seam seam = new BatchWork.Seam() {
                @Override
                public void locked(String entity, List<Object> ids) {
                    if (!entity.equals("CareNote") || !locked.isEmpty()) {
                        return;
                    }
                    locked.add(ids);
                    // another node, whose lease ran out, logged row 2 under the same rule and committed
                    try (Connection c = f.db.transaction()) {
                        new ErasureLog().logOnce(c, new ErasureEntry("other-node", "CareNote", "2", List.of("note"),
                                "NULLIFY", "journal", SweepFixture.NOW, SweepFixture.NOW, Optional.empty()));
                        c.commit();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
            };

            SweepReport report = new RetentionSweeper(f.runtime, seam).sweep();

            // the batch met the other node's entry at its log write, was rolled back and redone with the look-up
            assertThat(locked).hasSize(1);
            assertThat(report.failures()).isEmpty();
            assertThat(report.erased()).isEqualTo(2);
            assertThat(report.alreadyErased()).isEqualTo(1);
            assertThat(f.text("SELECT note FROM CareNote WHERE id = 2")).isEqualTo("note 2");
            assertThat(f.count("SELECT COUNT(*) FROM custos_erasure_log WHERE entity_name = 'CareNote'"))
                    .isEqualTo(3);
            assertThat(f.erasedIdsListed("CareNote")).hasSize(2);
            assertThat(f.duplicates()).isZero();
        }
    }
}
