// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import java.util.List;

/**
 * What the guard did with a loaded entity.
 *
 * @param masked the attributes it masked (set to null), derived copies included; empty when all were readable
 */
public record LoadOutcome(List<String> masked) {

    public static final LoadOutcome ALLOWED = new LoadOutcome(List.of());

    public LoadOutcome {
        masked = List.copyOf(masked);
    }

    public boolean anyMasked() {
        return !masked.isEmpty();
    }
}
