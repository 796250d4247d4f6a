// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.jpa.testing.JpaUnit;
import dev.custos.jpa.testing.ProviderMatrix;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

/**
 * The sweep one batch at a time ({@link SweepBatches}), as the batch job runs it: batches resume after the key the
 * last one returned, a batch run again from an older position (a job restarted from its last checkpoint) erases
 * and audits nothing twice, and the lease keeps another holder, or a {@link RetentionSweeper}, from sweeping at the
 * same time. CareNote (numeric id, NULLIFY, five years after its last entry), every provider and database.
 */
class SweepBatchesTest {

    private static final LocalDate DUE = LocalDate.of(2019, 1, 10);
    private static final LocalDate NOT_DUE = LocalDate.of(2024, 1, 10);

    private static void notes(SweepFixture f, LocalDate lastEntry, long... ids) throws SQLException {
        try (Connection c = f.db.transaction(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO CareNote (id, clientId, clinician, lastEntry, note) VALUES (?, ?, 'dr', ?, ?)")) {
            for (long id : ids) {
                insert.setLong(1, id);
                insert.setString(2, "c" + id);
                insert.setDate(3, java.sql.Date.valueOf(lastEntry));
                insert.setString(4, "note " + id);
                insert.executeUpdate();
            }
            c.commit();
        }
    }

    private static SweepBatches.Group careNotes(SweepBatches batches) {
        List<SweepBatches.Group> groups = batches.groups().stream().filter(g -> g.entity().equals("CareNote"))
                .toList();
        assertThat(groups).hasSize(1);
        return groups.get(0);
    }

    @ProviderMatrix
    void batchesResumeAfterTheirKeyAndABatchRunAgainErasesNothingTwice(JpaUnit unit) throws Exception {
        try (SweepFixture f = SweepFixture.onVariant(unit, "care")) {
            notes(f, DUE, 1, 2, 3, 4, 5, 6, 7);
            notes(f, NOT_DUE, 8);
            SweepBatches batches = new SweepBatches(f.runtime);
            SweepBatches.Group group = careNotes(batches);

            SweepBatches.Batch first = batches.sweep(group, null, 1, 3, "job-1", "job-a");
            assertThat(first.outcome()).isEqualTo(SweepBatches.Outcome.SWEPT);
            assertThat(first.erased()).isEqualTo(3);
            assertThat(first.groupDone()).isFalse();
            SweepBatches.Batch second = batches.sweep(group, first.lastKey(), 2, 3, "job-1", "job-a");
            assertThat(second.erased()).isEqualTo(3);
            // the job restarted from the checkpoint after the first batch: the second batch's rows are erased
            SweepBatches.Batch again = batches.sweep(group, first.lastKey(), 2, 3, "job-2", "job-a");
            assertThat(again.erased()).isEqualTo(1); // only row 7, which the second batch did not reach
            SweepBatches.Batch last = batches.sweep(group, again.lastKey(), 3, 3, "job-2", "job-a");
            assertThat(last.candidates()).isZero();
            assertThat(last.groupDone()).isTrue();

            assertThat(f.count("SELECT COUNT(*) FROM CareNote WHERE note IS NOT NULL")).isEqualTo(1); // row 8
            assertThat(f.count("SELECT COUNT(*) FROM custos_erasure_log WHERE entity_name = 'CareNote'"))
                    .isEqualTo(7);
            assertThat(f.erasedIdsListed("CareNote")).hasSize(7).doesNotHaveDuplicates();
        }
    }

    @ProviderMatrix
    void anotherHolderSweepsNothingUntilTheLeaseIsReleased(JpaUnit unit) throws Exception {
        try (SweepFixture f = SweepFixture.onVariant(unit, "care")) {
            notes(f, DUE, 1, 2);
            SweepBatches batches = new SweepBatches(f.runtime);
            SweepBatches.Group group = careNotes(batches);
            assertThat(batches.sweep(group, null, 1, 1, "job-1", "job-a").erased()).isEqualTo(1);

            SweepBatches.Batch other = batches.sweep(group, null, 1, 10, "job-2", "job-b");
            assertThat(other.outcome()).isEqualTo(SweepBatches.Outcome.LEASE_HELD_ELSEWHERE);
            assertThat(other.erased()).isZero();
            assertThat(other.detail()).hasValueSatisfying(m -> assertThat(m.toString()).startsWith("CUSTOS-04603"));
            assertThat(new RetentionSweeper(f.runtime).sweep().outcome())
                    .isEqualTo(SweepReport.Outcome.LEASE_HELD_ELSEWHERE);
            assertThat(batches.destroyExpiredAuditKeys(10, "job-b")).isEmpty();
            assertThat(f.count("SELECT COUNT(*) FROM CareNote WHERE note IS NOT NULL")).isEqualTo(1);

            batches.release("job-a");
            SweepBatches.Batch after = batches.sweep(group, null, 1, 10, "job-2", "job-b");
            assertThat(after.outcome()).isEqualTo(SweepBatches.Outcome.SWEPT);
            assertThat(after.erased()).isEqualTo(1);
            assertThat(f.count("SELECT COUNT(*) FROM custos_erasure_log WHERE entity_name = 'CareNote'"))
                    .isEqualTo(2);
        }
    }
}
