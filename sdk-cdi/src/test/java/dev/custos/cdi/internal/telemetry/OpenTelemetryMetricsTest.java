// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.Message;
import dev.custos.core.retention.RetentionDecision.Status;
import dev.custos.jpa.retention.SweepReport;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each hook call lands on its OpenTelemetry instrument, with the name, unit and attributes docs/operations.md lists. */
class OpenTelemetryMetricsTest {

    private final InMemoryMetricReader reader = InMemoryMetricReader.create();
    private SdkMeterProvider provider;
    private OpenTelemetryMetrics metrics;

    @BeforeEach
    void start() {
        provider = SdkMeterProvider.builder().registerMetricReader(reader).build();
        metrics = new OpenTelemetryMetrics(provider.get(OpenTelemetryMetrics.SCOPE));
    }

    @AfterEach
    void stop() {
        metrics.close();
        provider.close();
    }

    @Test
    void readsAreCountedCheckedAndRefusedPerUnitAndEntity() {
        metrics.readChecked("dk", "JournalEntry", false);
        metrics.readChecked("dk", "JournalEntry", true);
        metrics.readChecked("no", "JournalEntry", false);
        Map<String, MetricData> all = collect();
        assertThat(all.get("custos.read.checked").getUnit()).isEqualTo("{read}");
        assertThat(sums(all.get("custos.read.checked"))).containsOnly(
                Map.entry("custos.entity=JournalEntry,custos.unit=dk", 2L),
                Map.entry("custos.entity=JournalEntry,custos.unit=no", 1L));
        assertThat(sums(all.get("custos.read.refused"))).containsOnly(
                Map.entry("custos.entity=JournalEntry,custos.unit=dk", 1L));
    }

    @Test
    void auditAppendsAreCountedPerChain() {
        metrics.auditAppended("dk", "writes", 3);
        metrics.auditAppended("dk", "reads", 1);
        metrics.auditAppended("dk", "writes", 2);
        assertThat(sums(collect().get("custos.audit.appended"))).containsOnly(
                Map.entry("custos.audit.chain=writes,custos.unit=dk", 5L),
                Map.entry("custos.audit.chain=reads,custos.unit=dk", 1L));
    }

    @Test
    void aSweepCountsItsRunErasedKeptAndFailedBatchesButADryRunOnlyItsRun() {
        Message detail = Message.of(4600, "summary");
        metrics.swept("dk", new SweepReport("run-1", SweepReport.Outcome.COMPLETED_WITH_FAILURES, false, 3, 20, 7, 0,
                Map.of(Status.HELD, 2L, Status.REVIEW, 4L), detail, 0, List.of(detail), 0));
        metrics.swept("dk", new SweepReport("run-2", SweepReport.Outcome.COMPLETED, true, 1, 9, 9, 0, Map.of(),
                detail));
        Map<String, MetricData> all = collect();
        assertThat(sums(all.get("custos.sweep.run"))).containsOnly(
                Map.entry("custos.sweep.dry_run=false,custos.sweep.outcome=completed_with_failures,custos.unit=dk", 1L),
                Map.entry("custos.sweep.dry_run=true,custos.sweep.outcome=completed,custos.unit=dk", 1L));
        assertThat(sums(all.get("custos.sweep.erased"))).containsOnly(Map.entry("custos.unit=dk", 7L));
        assertThat(sums(all.get("custos.sweep.kept"))).containsOnly(
                Map.entry("custos.retention.status=held,custos.unit=dk", 2L),
                Map.entry("custos.retention.status=review,custos.unit=dk", 4L));
        assertThat(sums(all.get("custos.sweep.failed"))).containsOnly(Map.entry("custos.unit=dk", 1L));
        assertThat(all.get("custos.sweep.erased").getUnit()).isEqualTo("{row}");
    }

    @Test
    void gaugesShowTheLastRequestCountAndVerification() {
        metrics.requestsCounted("dk", 5, 1);
        metrics.requestsCounted("dk", 4, 2);
        metrics.chainsVerified("dk", Instant.ofEpochSecond(1_700_000_000L), true);
        Map<String, MetricData> all = collect();
        assertThat(all.get("custos.request.open").getLongGaugeData().getPoints()).singleElement()
                .satisfies(p -> assertThat(p.getValue()).isEqualTo(4L));
        assertThat(all.get("custos.request.near_deadline").getLongGaugeData().getPoints()).singleElement()
                .satisfies(p -> assertThat(p.getValue()).isEqualTo(2L));
        MetricData verified = all.get("custos.audit.verification.time");
        assertThat(verified.getUnit()).isEqualTo("s");
        assertThat(verified.getDoubleGaugeData().getPoints()).singleElement().satisfies(p -> {
            assertThat(p.getValue()).isEqualTo(1_700_000_000.0);
            assertThat(text(p.getAttributes())).isEqualTo("custos.audit.intact=true,custos.unit=dk");
        });
    }

    @Test
    void closedGaugesReportNothing() {
        metrics.requestsCounted("dk", 5, 1);
        metrics.close();
        assertThat(collect()).doesNotContainKey("custos.request.open");
    }

    @Test
    void docsOperationsListsEveryMetricWithItsUnit() throws Exception {
        metrics.readChecked("dk", "JournalEntry", true);
        metrics.auditAppended("dk", "writes", 1);
        metrics.swept("dk", new SweepReport("run-1", SweepReport.Outcome.COMPLETED_WITH_FAILURES, false, 1, 3, 1, 0,
                Map.of(Status.HELD, 1L), Message.of(4600, "summary"), 0, List.of(Message.of(4607, "failed")), 0));
        metrics.requestsCounted("dk", 1, 1);
        metrics.chainsVerified("dk", Instant.EPOCH, true);
        String guide = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/operations.md"));
        Map<String, MetricData> all = collect();
        assertThat(all).hasSize(10);
        all.values().forEach(metric -> assertThat(guide).as(metric.getName())
                .containsPattern("\\| `" + java.util.regex.Pattern.quote(metric.getName()) + "` \\(`[a-z_]+`\\) \\| "
                        + "[a-z]+, `" + java.util.regex.Pattern.quote(metric.getUnit()) + "` \\|"));
    }

    private Map<String, MetricData> collect() {
        return reader.collectAllMetrics().stream().collect(Collectors.toMap(MetricData::getName, m -> m));
    }

    /** Each series of a counter, by its attributes as text. */
    private static Map<String, Long> sums(MetricData metric) {
        return metric.getLongSumData().getPoints().stream().collect(Collectors.toMap(
                p -> text(p.getAttributes()), p -> p.getValue()));
    }

    private static String text(Attributes attributes) {
        return attributes.asMap().entrySet().stream().map(e -> e.getKey().getKey() + "=" + e.getValue()).sorted()
                .collect(Collectors.joining(","));
    }
}
