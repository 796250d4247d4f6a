// SPDX-License-Identifier: Apache-2.0
package dev.custos.bench;

/**
 * Runs one benchmark in this JVM; {@code benchmarks/run} starts one JVM per benchmark. Exits non-zero only when
 * the benchmark itself fails; a missed goal is printed as a {@code GOAL ... MISSED} line and is not a failure.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Report.quickMode(options.quick());
        Report.note("benchmark " + options.benchmark() + (options.quick() ? " (quick)" : "") + " on "
                + String.join(",", options.databases()) + " with " + String.join(",", options.providers()));
        switch (options.benchmark()) {
            case "read" -> ReadBenchmark.run(options);
            case "write" -> WriteBenchmark.run(options);
            case "sweep" -> SweepBenchmark.run(options);
            case "scan" -> ScanBenchmark.run(options);
            case "export" -> ExportBenchmark.run(options);
            case "small" -> SmallReadBenchmark.run(options);
            case "audit" -> AuditQueryBenchmark.run(options);
            default -> throw new IllegalArgumentException("unknown benchmark " + options.benchmark());
        }
    }
}
