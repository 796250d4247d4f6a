// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpellingTest {

    private static final List<String> EVENTS = List.of("created", "last-visit", "last-entry");

    @Test
    void aMisspeltNameGetsTheNearestValidOne() {
        assertThat(Spelling.nearest("last-vist", EVENTS)).contains("last-visit");
        assertThat(Spelling.nearest("lastvisit", EVENTS)).contains("last-visit");
        assertThat(Spelling.nearest("last-etnry", EVENTS)).contains("last-entry"); // swapped letters
        assertThat(Spelling.nearest("Created", EVENTS)).contains("created");
        assertThat(Spelling.hint("jornal", List.of("journal", "invoice"))).isEqualTo(" (did you mean \"journal\"?)");
    }

    @Test
    void aNameFarFromEveryValidOneGetsNoSuggestion() {
        assertThat(Spelling.nearest("birthday", EVENTS)).isEmpty();
        assertThat(Spelling.nearest("", EVENTS)).isEmpty();
        assertThat(Spelling.nearest("x", List.of())).isEmpty();
        assertThat(Spelling.hint("invoice-date", List.of("journal"))).isEmpty();
    }
}
