// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.retention;

import dev.custos.core.retention.RetentionDecision.Status;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Running totals of one sweep, and the report they make. */
final class SweepTally {

    int batches;
    long candidates;
    long erased;
    long alreadyErased;
    long auditKeys;
    long skipped;
    final Map<Status, Long> kept = new EnumMap<>(Status.class);
    final List<dev.custos.core.Message> failures = new ArrayList<>();

    void add(BatchWork.Result result) {
        batches++;
        candidates += result.candidates();
        erased += result.erased();
        alreadyErased += result.alreadyErased();
        skipped += result.skipped();
        result.kept().forEach((status, count) -> kept.merge(status, (long) count, Long::sum));
    }

    static SweepReport report(String runId, SweepReport.Outcome outcome, boolean dryRun, SweepTally tally,
                              dev.custos.core.Message detail) {
        return new SweepReport(runId, outcome, dryRun, tally.batches, tally.candidates, tally.erased,
                tally.alreadyErased, tally.kept, detail, tally.skipped, tally.failures, tally.auditKeys);
    }
}
