// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.policy;

import java.util.List;
import java.util.Objects;

/**
 * A named value a pack sets with its source, such as the digital age of consent.
 *
 * @param name      the setting's name, for example {@code digital-consent-age}
 * @param value     its value as written
 * @param citations the sources, at least one
 * @param note      anything a reader needs; may be empty
 */
public record PackSetting(String name, String value, List<Citation> citations, String note) {

    public PackSetting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        citations = List.copyOf(citations);
        Objects.requireNonNull(note, "note");
    }
}
