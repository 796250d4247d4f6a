// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal.telemetry;

import dev.custos.core.retention.RetentionDecision.Status;
import dev.custos.jpa.CustosMetrics;
import dev.custos.jpa.retention.SweepReport;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableDoubleGauge;
import io.opentelemetry.api.metrics.ObservableLongGauge;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Custos' metrics on an OpenTelemetry {@link Meter}: counters of checked and refused loads, audit appends and
 * sweeps, and gauges of open requests, requests near their deadline and the last verification of the chains.
 * Names and units follow the OpenTelemetry semantic conventions; every series carries {@code custos.unit}.
 * docs/operations.md lists them with their Prometheus names. Thread-safe; recording never blocks.
 */
public final class OpenTelemetryMetrics implements CustosMetrics, AutoCloseable {

    /** The instrumentation scope of every Custos metric. */
    public static final String SCOPE = "dev.custos";

    static final AttributeKey<String> UNIT = AttributeKey.stringKey("custos.unit");
    static final AttributeKey<String> ENTITY = AttributeKey.stringKey("custos.entity");
    static final AttributeKey<String> CHAIN = AttributeKey.stringKey("custos.audit.chain");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("custos.sweep.outcome");
    static final AttributeKey<Boolean> DRY_RUN = AttributeKey.booleanKey("custos.sweep.dry_run");
    static final AttributeKey<String> STATUS = AttributeKey.stringKey("custos.retention.status");
    static final AttributeKey<Boolean> INTACT = AttributeKey.booleanKey("custos.audit.intact");

    private final LongCounter readsChecked;
    private final LongCounter readsRefused;
    private final LongCounter appended;
    private final LongCounter sweeps;
    private final LongCounter erased;
    private final LongCounter kept;
    private final LongCounter failedBatches;
    /** The last count of each unit's requests: open, and near their deadline. */
    private final Map<String, long[]> requests = new ConcurrentHashMap<>();
    /** The last verification of each unit's chains. */
    private final Map<String, Verification> verifications = new ConcurrentHashMap<>();
    private final ObservableLongGauge open;
    private final ObservableLongGauge nearDeadline;
    private final ObservableDoubleGauge verified;

    private record Verification(Instant at, boolean intact) {
    }

    public OpenTelemetryMetrics(Meter meter) {
        readsChecked = meter.counterBuilder("custos.read.checked").setUnit("{read}")
                .setDescription("Loads of annotated entities Custos checked, refused ones included").build();
        readsRefused = meter.counterBuilder("custos.read.refused").setUnit("{read}")
                .setDescription("Loads of annotated entities Custos refused").build();
        appended = meter.counterBuilder("custos.audit.appended").setUnit("{record}")
                .setDescription("Audit records appended for reads and writes of annotated entities").build();
        sweeps = meter.counterBuilder("custos.sweep.run").setUnit("{run}")
                .setDescription("Retention sweeps, by how they ended").build();
        erased = meter.counterBuilder("custos.sweep.erased").setUnit("{row}")
                .setDescription("Rows the retention sweep erased").build();
        kept = meter.counterBuilder("custos.sweep.kept").setUnit("{row}")
                .setDescription("Rows due for the sweep that it kept, by why").build();
        failedBatches = meter.counterBuilder("custos.sweep.failed").setUnit("{batch}")
                .setDescription("Sweep batches that failed and were rolled back").build();
        open = meter.gaugeBuilder("custos.request.open").ofLongs().setUnit("{request}")
                .setDescription("Data-subject requests not yet answered, at the last scheduled check")
                .buildWithCallback(m -> requests.forEach((unit, counts) -> m.record(counts[0], unit(unit))));
        nearDeadline = meter.gaugeBuilder("custos.request.near_deadline").ofLongs().setUnit("{request}")
                .setDescription("Open requests within custos.requests.warn-before of their deadline or past it")
                .buildWithCallback(m -> requests.forEach((unit, counts) -> m.record(counts[1], unit(unit))));
        verified = meter.gaugeBuilder("custos.audit.verification.time").setUnit("s")
                .setDescription("When the audit chains were last verified, in seconds since the epoch")
                .buildWithCallback(m -> verifications.forEach((unit, last) -> m.record(
                        last.at().toEpochMilli() / 1000.0, Attributes.of(UNIT, unit, INTACT, last.intact()))));
    }

    @Override
    public void readChecked(String unit, String entity, boolean refused) {
        Attributes attributes = Attributes.of(UNIT, unit, ENTITY, entity);
        readsChecked.add(1, attributes);
        if (refused) {
            readsRefused.add(1, attributes);
        }
    }

    @Override
    public void auditAppended(String unit, String chain, int records) {
        appended.add(records, Attributes.of(UNIT, unit, CHAIN, chain));
    }

    @Override
    public void swept(String unit, SweepReport report) {
        sweeps.add(1, Attributes.of(UNIT, unit, OUTCOME, report.outcome().name().toLowerCase(Locale.ROOT),
                DRY_RUN, report.dryRun()));
        if (report.dryRun()) {
            return; // a dry run erases and keeps nothing; its counts are in its report
        }
        erased.add(report.erased(), unit(unit));
        for (Map.Entry<Status, Long> status : report.kept().entrySet()) {
            kept.add(status.getValue(), Attributes.of(UNIT, unit, STATUS,
                    status.getKey().name().toLowerCase(Locale.ROOT)));
        }
        failedBatches.add(report.failures().size(), unit(unit));
    }

    @Override
    public void requestsCounted(String unit, int open, int nearDeadline) {
        requests.put(unit, new long[] {open, nearDeadline});
    }

    @Override
    public void chainsVerified(String unit, Instant at, boolean intact) {
        verifications.put(unit, new Verification(at, intact));
    }

    /** Stops the gauges' callbacks: the application is going away, its units with it. */
    @Override
    public void close() {
        open.close();
        nearDeadline.close();
        verified.close();
    }

    private static Attributes unit(String unit) {
        return Attributes.of(UNIT, unit);
    }
}
