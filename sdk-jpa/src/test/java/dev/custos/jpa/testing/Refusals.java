// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.testing;

import dev.custos.jpa.access.AccessRefusedException;

/** Finds the refusal in what a provider threw: providers wrap exceptions of their callbacks. */
public final class Refusals {

    private Refusals() {
    }

    public static AccessRefusedException refusal(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof AccessRefusedException refused) {
                return refused;
            }
        }
        throw new AssertionError("expected an AccessRefusedException, got " + thrown, thrown);
    }
}
