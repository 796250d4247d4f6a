// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.retention;

import dev.custos.core.annotation.ErasureStrategy;
import dev.custos.core.retention.RetentionDecision.Status;
import dev.custos.core.retention.RetentionSpec;
import dev.custos.jpa.CustosRuntime;
import java.util.ArrayList;
import java.util.List;

/** The sweep's read-only runs: the preview of what it would do, and the adoption report. Thread-safe. */
final class SweepPreview {

    private final CustosRuntime runtime;
    private final List<SweepGroup> groups;
    private final BatchWork work;

    SweepPreview(CustosRuntime runtime, List<SweepGroup> groups, BatchWork work) {
        this.runtime = runtime;
        this.groups = groups;
        this.work = work;
    }

    /** See {@link RetentionSweeper#preview}. */
    List<PreviewEntry> preview(int limit) {
        List<PreviewEntry> entries = new ArrayList<>();
        for (SweepGroup group : groups) {
            Object last = null;
            for (int batch = 1; entries.size() < limit; batch++) {
                BatchWork.Result result = work.run(group, last, SweepOptions.DEFAULT_BATCH_SIZE, batch, "preview",
                        true, false, entries);
                if (result.candidates() < SweepOptions.DEFAULT_BATCH_SIZE) {
                    break;
                }
                last = result.lastId();
            }
        }
        return entries.size() > limit ? List.copyOf(entries.subList(0, limit)) : List.copyOf(entries);
    }

    /** See {@link RetentionSweeper#adoptionReport}. */
    AdoptionReport adoptionReport() {
        List<AdoptionReport.Line> lines = new ArrayList<>();
        for (SweepGroup group : groups) {
            long[] counts = new long[Status.values().length];
            Object last = null;
            for (int batch = 1; ; batch++) {
                List<PreviewEntry> entries = new ArrayList<>();
                BatchWork.Result result = work.run(group, last, SweepOptions.DEFAULT_BATCH_SIZE, batch, "adoption",
                        true, false, entries);
                // the preview lists a row once per erasure scope of the group; the report counts rows
                ErasureStrategy first = group.strategies().get(0);
                entries.stream().filter(e -> e.strategy() == first).forEach(e -> counts[e.status().ordinal()]++);
                if (result.candidates() < SweepOptions.DEFAULT_BATCH_SIZE) {
                    break;
                }
                last = result.lastId();
            }
            if (java.util.Arrays.stream(counts).sum() > 0) {
                lines.add(adoptionLine(group, counts));
            }
        }
        return new AdoptionReport(runtime.clock().instant(), lines);
    }

    private static AdoptionReport.Line adoptionLine(SweepGroup group, long[] counts) {
        String entity = group.mapping().entityName();
        String rule = group.rule().id();
        long undetermined = counts[Status.UNDETERMINED.ordinal()];
        // the engine finds no due date without an anchor value, or, for consent-bound data, without consent
        boolean consentBound = group.rule().retention().kind() == RetentionSpec.Kind.UNTIL_CONSENT_WITHDRAWN;
        long noConsent = consentBound ? undetermined : 0;
        long noClock = consentBound ? 0 : undetermined;
        long due = counts[Status.DUE.ordinal()];
        long kept = counts[Status.RETAINED.ordinal()];
        long held = counts[Status.HELD.ordinal()];
        long review = counts[Status.REVIEW.ordinal()];
        List<dev.custos.core.Message> advice = new ArrayList<>();
        if (due > 0) {
            advice.add(SweepMessages.adoptionDue(entity, Long.toString(due), rule, String.join(", ",
                    group.strategies().stream().map(Enum::name).toList())));
        }
        if (review > 0) {
            advice.add(SweepMessages.adoptionReview(entity, Long.toString(review), rule));
        }
        if (noClock > 0 && group.clock().isPresent()) {
            advice.add(SweepMessages.adoptionNoClockValue(entity, Long.toString(noClock), rule,
                    group.clock().get().event(), group.clock().get().describe()));
        } else if (noClock > 0) {
            advice.add(SweepMessages.adoptionNoClock(entity, Long.toString(noClock), rule, group.anchor().isEmpty()
                    ? "(no anchor)" : group.anchor()));
        }
        if (noConsent > 0) {
            advice.add(SweepMessages.adoptionNoConsent(entity, Long.toString(noConsent), rule));
        }
        if (held > 0) {
            advice.add(SweepMessages.adoptionHeld(entity, Long.toString(held)));
        }
        if (kept > 0) {
            advice.add(SweepMessages.adoptionKept(entity, Long.toString(kept), rule));
        }
        return new AdoptionReport.Line(entity, rule, group.anchor(), group.erasedNames(), group.strategies(), due, kept,
                held, review, noClock, noConsent, advice);
    }
}
