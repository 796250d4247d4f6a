// SPDX-License-Identifier: Apache-2.0
package dev.custos.bench;

import java.util.Locale;

/**
 * What the benchmarks print, on standard output: {@code RESULT name=value} lines (the figures), {@code GOAL}
 * lines (each figure against the goal, MET or MISSED; a missed goal is reported, never fatal) and
 * {@code #} lines with the detail behind each figure (medians and spread of both sides).
 */
final class Report {

    private static boolean quick;

    private Report() {
    }

    static void quickMode(boolean on) {
        quick = on;
    }

    static void result(String name, double value) {
        System.out.println("RESULT " + name + "=" + Stats.format(value));
    }

    static void note(String text) {
        System.out.println("# " + text);
    }

    /** Prints whether {@code value} meets {@code value <= limit} (or {@code <}, with {@code strict}). */
    static void goal(String name, double value, double limit, boolean strict, String unit) {
        boolean met = strict ? value < limit : value <= limit;
        System.out.println(String.format(Locale.ROOT, "GOAL %s=%s%s (goal %s %s%s): %s%s", name, Stats.format(value),
                unit, strict ? "<" : "<=", Stats.format(limit), unit, met ? "MET" : "MISSED",
                quick ? " [quick sizes: indicative only]" : ""));
    }

    /** Prints whether {@code value} meets {@code value >= limit} (a throughput ratio). */
    static void goalAtLeast(String name, double value, double limit) {
        System.out.println(String.format(Locale.ROOT, "GOAL %s=%s (goal >= %s): %s%s", name, Stats.format(value),
                Stats.format(limit), value >= limit ? "MET" : "MISSED", quick ? " [quick sizes: indicative only]" : ""));
    }

    static void comparison(String name, String what, Harness.Comparison c) {
        note(name + ": baseline " + c.baseline().describe(" ms") + "; Custos " + c.custos().describe(" ms")
                + "; per-pair ratio " + c.pairRatios().describe("") + " [" + what + "]");
    }
}
