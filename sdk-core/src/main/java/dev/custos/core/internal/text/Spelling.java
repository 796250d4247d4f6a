// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.internal.text;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The nearest valid name to a misspelt one, for the "did you mean" part of a message. Names are compared
 * case-insensitively by their optimal string alignment distance (insertions, deletions, substitutions and swaps
 * of neighbours); a name counts as near when at most a third of the longer name differs (at least one edit),
 * or when one name of four or more characters contains the other. Ties go to the first name in iteration order.
 */
public final class Spelling {

    private Spelling() {
    }

    /** The valid name nearest to {@code given}, if one is near enough to be a likely misspelling. */
    public static Optional<String> nearest(String given, Collection<String> valid) {
        if (given == null || given.isBlank()) {
            return Optional.empty();
        }
        String wanted = given.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : valid) {
            String name = candidate.toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (name.equals(wanted)) {
                return Optional.of(candidate); // only the case differs
            }
            int distance = distance(wanted, name);
            boolean near = distance <= Math.max(1, Math.max(wanted.length(), name.length()) / 3)
                    || Math.min(wanted.length(), name.length()) >= 4
                    && (wanted.contains(name) || name.contains(wanted));
            if (near && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code " (did you mean \"x\"?)"} for the nearest valid name, or the empty string when none is near. */
    public static String hint(String given, Collection<String> valid) {
        return nearest(given, valid).map(name -> " (did you mean \"" + name + "\"?)").orElse("");
    }

    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
