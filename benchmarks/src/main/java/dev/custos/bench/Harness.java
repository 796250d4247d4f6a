// SPDX-License-Identifier: Apache-2.0
package dev.custos.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a baseline and its Custos counterpart in the same JVM on the same data, interleaved: warm-up runs that are
 * not recorded, then {@code reps} pairs whose order alternates (baseline first in even pairs, Custos first in odd
 * ones), so drift in the machine's load or the database's state falls on both alike.
 */
final class Harness {

    private Harness() {
    }

    /** One run; it may do untimed preparation and returns the elapsed time of the measured part in nanoseconds. */
    @FunctionalInterface
    interface Run {
        long run() throws Exception;
    }

    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    /** The result of {@link #compare}: both sides and the ratio custos / baseline of each pair, in ms. */
    record Comparison(Stats baseline, Stats custos, Stats pairRatios) {
        /** The ratio of the medians, the headline figure. */
        double ratio() {
            return custos.median() / baseline.median();
        }
    }

    /** The elapsed nanoseconds of {@code work}. */
    static long time(Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return System.nanoTime() - start;
    }

    static Comparison compare(int warmups, int reps, Run baseline, Run custos) throws Exception {
        for (int i = 0; i < warmups; i++) {
            baseline.run();
            custos.run();
        }
        List<Double> base = new ArrayList<>();
        List<Double> ours = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
            double b;
            double c;
            if (i % 2 == 0) {
                b = ms(baseline.run());
                c = ms(custos.run());
            } else {
                c = ms(custos.run());
                b = ms(baseline.run());
            }
            base.add(b);
            ours.add(c);
            ratios.add(c / b);
        }
        return new Comparison(new Stats(base), new Stats(ours), new Stats(ratios));
    }

    /**
     * Several variants on the same data, each rep running all of them once, starting with a different one each
     * time (a rotation), after {@code warmups} unrecorded rounds; in ms, keyed as given.
     */
    static Map<String, Stats> rotate(int warmups, int reps, Map<String, Run> variants) throws Exception {
        List<String> names = new ArrayList<>(variants.keySet());
        for (int i = 0; i < warmups; i++) {
            for (String name : names) {
                variants.get(name).run();
            }
        }
        Map<String, List<Double>> values = new LinkedHashMap<>();
        names.forEach(name -> values.put(name, new ArrayList<>()));
        for (int i = 0; i < reps; i++) {
            for (int k = 0; k < names.size(); k++) {
                String name = names.get((i + k) % names.size());
                values.get(name).add(ms(variants.get(name).run()));
            }
        }
        Map<String, Stats> stats = new LinkedHashMap<>();
        values.forEach((name, list) -> stats.put(name, new Stats(list)));
        return stats;
    }

    /** {@code reps} recorded runs of one thing after {@code warmups} unrecorded ones, in ms. */
    static Stats repeat(int warmups, int reps, Run run) throws Exception {
        for (int i = 0; i < warmups; i++) {
            run.run();
        }
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
            values.add(ms(run.run()));
        }
        return new Stats(values);
    }

    static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}
