// SPDX-License-Identifier: Apache-2.0
package dev.custos.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Repeated measurements of one thing, in milliseconds (or a ratio): median and spread. Immutable. */
final class Stats {

    private final List<Double> values;

    Stats(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no measurement");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        this.values = List.copyOf(sorted);
    }

    double median() {
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }

    double min() {
        return values.get(0);
    }

    double max() {
        return values.get(values.size() - 1);
    }

    int count() {
        return values.size();
    }

    /** "median 12.3 (min 11.0, max 14.2, n=5)". */
    String describe(String unit) {
        return String.format(Locale.ROOT, "median %s%s (min %s, max %s, n=%d)", format(median()), unit,
                format(min()), format(max()), count());
    }

    /** Three significant digits at most, never scientific notation. */
    static String format(double value) {
        double abs = Math.abs(value);
        if (abs >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (abs >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (abs >= 1) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
