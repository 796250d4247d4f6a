// SPDX-License-Identifier: Apache-2.0
package dev.custos.reliability;

/**
 * The scenario sizes, from system properties {@code custos.reliability.*}. The pom passes reduced values in the
 * normal build and the full ones of issue #8 under {@code -Preliability}; the defaults here are the reduced ones,
 * for runs from an IDE.
 */
final class Sizes {

    private Sizes() {
    }

    static int of(String name, int reduced) {
        String value = System.getProperty("custos.reliability." + name, "");
        return value.isBlank() ? reduced : Integer.parseInt(value.trim());
    }

    static boolean flag(String name) {
        return Boolean.parseBoolean(System.getProperty("custos.reliability." + name, "false").trim());
    }

    /** Prints a figure as {@code RESULT name=value ...}, the suite's machine-readable output. */
    static void result(String figures) {
        System.out.println("RESULT " + figures);
    }
}
