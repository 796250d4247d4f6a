// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.custos.core.CustosException;
import dev.custos.core.gdpr.LegalBasis;
import dev.custos.core.gdpr.SpecialCategoryCondition;
import dev.custos.core.policy.PolicyPack;
import dev.custos.core.policy.PolicyPacks;
import dev.custos.core.policy.PolicyRule;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The clock clauses of the retention grammar: {@code at next}, and a pack rule run from a named clock. */
class ClockGrammarTest {

    private static final PolicyPack PACK = PolicyPacks.load("test");

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            P3Y after last-visit at next --01-31              | PERIOD      | ANCHOR          | last-visit   | --01-31
            P3Y at next privacy-review-day                    | PERIOD      | ANCHOR          |              | privacy-review-day
            P5Y after fiscal-year-end of invoice-date at next --06-30 | PERIOD | FISCAL_YEAR_END | invoice-date | --06-30
            policy:bookkeeping of invoice-date                | POLICY_RULE | ANCHOR          | invoice-date |
            """)
    void parsesAndWritesBack(String input, RetentionSpec.Kind kind, RetentionSpec.Start start, String event,
                             String next) {
        RetentionSpec spec = RetentionSpec.parse(input, "X.y");

        assertThat(spec.kind()).isEqualTo(kind);
        assertThat(spec.start()).isEqualTo(start);
        assertThat(spec.event().orElse(null)).isEqualTo(event);
        assertThat(spec.next().orElse(null)).isEqualTo(next);
        assertThat(spec).hasToString(input);
        assertThat(RetentionSpec.parse(spec.toString(), "X.y")).isEqualTo(spec);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            P3Y after last-visit at next --13-01 | CUSTOS-01130
            P3Y after last-visit at next Review  | CUSTOS-01130
            at next --01-31                      | CUSTOS-01105
            until-consent-withdrawn at next --01-31 | CUSTOS-01105
            policy:journal after last-entry      | CUSTOS-01107
            """)
    void refusesMalformedClauses(String input, String code) {
        CustosException e = catchThrowableOfType(() -> RetentionSpec.parse(input, "X.y"), CustosException.class);

        assertThat(e).as(input).isNotNull();
        assertThat(e.detail().code()).as(input).isEqualTo(code);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            2020-03-15 | P3Y after last-visit at next --01-31 | 2024-01-31T00:00
            2020-01-30 | P3Y after last-visit at next --01-31 | 2023-01-31T00:00
            2020-01-31 | P3Y after last-visit at next --01-31 | 2024-01-31T00:00
            2020-06-30 | P5Y after fiscal-year-end of last-visit at next --03-01 | 2026-03-01T00:00
            """)
    void theDueDateMovesToTheNextSuchDay(String anchor, String retention, String due) {
        RetentionEngine engine = new RetentionEngine(PACK, Clock.systemUTC());
        PolicyRule rule = PolicyRule.inline(RetentionSpec.parse(retention, "X.y"), LegalBasis.CONTRACT,
                SpecialCategoryCondition.NONE, "X.y");
        Instant anchored = AnchorValues.toInstant(LocalDate.parse(anchor), PACK.zone()).orElseThrow();

        assertThat(engine.dueAt(rule, RecordState.anchoredAt(anchored)))
                .contains(LocalDateTime.parse(due).atZone(PACK.zone()).toInstant());
    }
}
