// SPDX-License-Identifier: Apache-2.0
package dev.custos.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line of one benchmark: {@code <benchmark> [--quick] [--reps N] [--databases derby,postgresql]
 * [--providers eclipselink,hibernate]}. Quick mode runs reduced sizes for a CI smoke test; its figures are
 * indicative only.
 */
record Options(String benchmark, boolean quick, int reps, List<String> databases, List<String> providers) {

    static Options parse(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: <benchmark> [--quick] [--reps N] [--databases derby,postgresql]"
                    + " [--providers eclipselink,hibernate]");
        }
        boolean quick = false;
        int reps = -1;
        List<String> databases = List.of(BenchDatabase.DERBY, BenchDatabase.POSTGRESQL);
        List<String> providers = List.of(BenchUnits.ECLIPSELINK, BenchUnits.HIBERNATE);
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--databases" -> databases = split(args[++i]);
                case "--providers" -> providers = split(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<String> reachable = new ArrayList<>(databases);
        if (reachable.contains(BenchDatabase.POSTGRESQL) && !BenchDatabase.postgresqlReachable()) {
            Report.note("PostgreSQL at 127.0.0.1:5432 does not answer: its runs are left out");
            reachable.remove(BenchDatabase.POSTGRESQL);
        }
        return new Options(args[0], quick, reps, List.copyOf(reachable), providers);
    }

    private static List<String> split(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * The databases of a benchmark that quick mode runs on one database only (to stay within the smoke test's
     * time): all of them, or in quick mode PostgreSQL if reachable, else Derby.
     */
    List<String> databasesOrOneWhenQuick() {
        if (!quick || databases.size() <= 1) {
            return databases;
        }
        return databases.contains(BenchDatabase.POSTGRESQL) ? List.of(BenchDatabase.POSTGRESQL) : databases.subList(0, 1);
    }

    /** The repetitions: {@code --reps} if given, else {@code full} or {@code quick}. */
    int reps(int full, int quickReps) {
        return reps > 0 ? reps : quick ? quickReps : full;
    }

    /** {@code full} rows, or {@code quickSize} in quick mode. */
    int size(int full, int quickSize) {
        return quick ? quickSize : full;
    }
}
