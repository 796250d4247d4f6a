// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.custos.core.CustosException;
import dev.custos.core.retention.RetentionSpec.Start;
import dev.custos.core.retention.RetentionSpec.Kind;
import java.time.Period;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetentionSpecTest {

    private static final String LOCATION = "JournalEntry.note";

    @ParameterizedTest(name = "\"{0}\" -> {1} {2} {3} event={4} rule={5}, written \"{6}\"")
    @CsvSource(nullValues = "-", value = {
        // input,                       kind,                    period, start,           event,        rule,      toString
        "'P5Y',                         PERIOD,                  P5Y,    ANCHOR,          -,            -,         'P5Y'",
        "'P1Y6M',                       PERIOD,                  P1Y6M,  ANCHOR,          -,            -,         'P1Y6M'",
        "'P3M',                         PERIOD,                  P3M,    ANCHOR,          -,            -,         'P3M'",
        "'P30D',                        PERIOD,                  P30D,   ANCHOR,          -,            -,         'P30D'",
        "'P2W',                         PERIOD,                  P14D,   ANCHOR,          -,            -,         'P14D'",
        "'P0D',                         PERIOD,                  P0D,    ANCHOR,          -,            -,         'P0D'",
        "'P5Y after last-entry',        PERIOD,                  P5Y,    ANCHOR,          last-entry,   -,         'P5Y after last-entry'",
        "'P1Y after last-purchase',     PERIOD,                  P1Y,    ANCHOR,          last-purchase, -,        'P1Y after last-purchase'",
        "'P5Y after fiscal-year-end',   PERIOD,                  P5Y,    FISCAL_YEAR_END, -,            -,         'P5Y after fiscal-year-end'",
        "'until-consent-withdrawn',     UNTIL_CONSENT_WITHDRAWN, -,      CONSENT,         -,            -,         'until-consent-withdrawn'",
        "'policy:journal',              POLICY_RULE,             -,      ANCHOR,          -,            journal,   'policy:journal'",
        "'policy:dk-journal-2026',      POLICY_RULE,             -,      ANCHOR,          -,            dk-journal-2026, 'policy:dk-journal-2026'",
        // lower case periods are accepted and written back in the ISO form
        "'p5y',                         PERIOD,                  P5Y,    ANCHOR,          -,            -,         'P5Y'",
        "'p1y6m after last-entry',      PERIOD,                  P1Y6M,  ANCHOR,          last-entry,   -,         'P1Y6M after last-entry'",
        "'P5Y after fiscal-year-end of invoice-date', PERIOD,    P5Y,    FISCAL_YEAR_END, invoice-date, -,         'P5Y after fiscal-year-end of invoice-date'",
        // surrounding and repeated blanks do not matter
        "'  P5Y  ',                     PERIOD,                  P5Y,    ANCHOR,          -,            -,         'P5Y'",
        "'P5Y   after\tlast-entry',     PERIOD,                  P5Y,    ANCHOR,          last-entry,   -,         'P5Y after last-entry'",
    })
    void parsesTheValidForms(String input, Kind kind, String period, Start start, String event, String rule,
                             String written) {
        RetentionSpec spec = RetentionSpec.parse(input, LOCATION);

        assertThat(spec.kind()).isEqualTo(kind);
        assertThat(spec.period()).isEqualTo(Optional.ofNullable(period).map(Period::parse));
        assertThat(spec.start()).isEqualTo(start);
        assertThat(spec.event()).isEqualTo(Optional.ofNullable(event));
        assertThat(spec.rule()).isEqualTo(Optional.ofNullable(rule));
        assertThat(spec.toString()).isEqualTo(written);
        // What toString writes parses back to the same specification.
        assertThat(RetentionSpec.parse(spec.toString(), LOCATION)).isEqualTo(spec);
    }

    @Test
    void weeksAreCountedAsDays() {
        assertThat(RetentionSpec.parse("P2W", LOCATION)).isEqualTo(RetentionSpec.parse("P14D", LOCATION));
    }

    @Test
    void aPeriodIsNotNormalisedAcrossUnits() {
        // 18 months stay 18 months: the engine adds them to a date, where P1Y6M and P18M agree,
        // but the written rule stays as the author wrote it.
        assertThat(RetentionSpec.parse("P18M", LOCATION).toString()).isEqualTo("P18M");
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource({
        // blank
        "'',                       CUSTOS-01101",
        "'   ',                    CUSTOS-01101",
        // not an ISO-8601 period
        "'P',                      CUSTOS-01102",
        "'PY',                     CUSTOS-01102",
        "'P5',                     CUSTOS-01102",
        "'5Y',                     CUSTOS-01102",
        "'P1.5Y',                  CUSTOS-01102",
        "'P5Y5Y',                  CUSTOS-01102",
        "'P1D1Y',                  CUSTOS-01102",
        "'P99999999999Y',          CUSTOS-01102",
        // ... also when it merely contains a 't' or a '-': no "time part" or "negative" message for these
        "'forever',                CUSTOS-01102",
        "'unlimited',              CUSTOS-01102",
        "'Until-Consent-Withdrawn', CUSTOS-01102",
        "'policy-journal',         CUSTOS-01102",
        "'last-entry',             CUSTOS-01102",
        // a time part
        "'PT24H',                  CUSTOS-01103",
        "'P1DT2H',                 CUSTOS-01103",
        "'pt1h',                   CUSTOS-01103",
        // negative
        "'-P5Y',                   CUSTOS-01104",
        "'P-5Y',                   CUSTOS-01104",
        "'P1Y-6M',                 CUSTOS-01104",
        "'-p1d',                   CUSTOS-01104",
        // not one of the forms
        "'5 years',                CUSTOS-01102",
        "'P5Y from last-entry',    CUSTOS-01105",
        "'P5Y after',              CUSTOS-01105",
        "'P5Y after last entry',   CUSTOS-01105",
        "'until consent withdrawn', CUSTOS-01105",
        // the event is not a kebab-case name
        "'P5Y after Last_Entry',   CUSTOS-01106",
        "'P5Y after fiscal-year-end of Invoice_Date', CUSTOS-01106",
        "'P5Y after fiscal-year-end for invoice-date', CUSTOS-01105",
        "'P5Y after last_entry',   CUSTOS-01106",
        "'P5Y after -last',        CUSTOS-01106",
        "'P5Y after last-entry-',  CUSTOS-01106",
        // names of more than 64 characters (65 here) would overflow the SDK's columns
        "'P5Y after aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', CUSTOS-01106",
        "'policy:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', CUSTOS-01107",
        // the policy rule is not a kebab-case name
        "'policy:',                CUSTOS-01107",
        "'policy:Journal',         CUSTOS-01107",
        "'policy:journal entry',   CUSTOS-01107",
        "'policy:journal_entry',   CUSTOS-01107",
    })
    void rejectsMalformedSpecificationsWithAStableIdNamingLocationAndValue(String input, String messageId) {
        CustosException e = catchThrowableOfType(() -> RetentionSpec.parse(input, LOCATION), CustosException.class);

        assertThat(e).as("parse(\"%s\") must throw", input).isNotNull();
        assertThat(e.messageId()).isEqualTo(messageId);
        assertThat(e.getMessage()).startsWith(messageId + ": " + LOCATION + ": ");
        if (!input.isBlank()) {
            assertThat(e.getMessage()).contains("\"" + input + "\"");
        }
    }

    @ParameterizedTest
    @NullSource
    void aMissingSpecificationIsEmpty(String input) {
        assertThatThrownBy(() -> RetentionSpec.parse(input, LOCATION))
                .isInstanceOf(CustosException.class)
                .hasMessageContaining(LOCATION)
                .extracting(e -> ((CustosException) e).messageId())
                .isEqualTo("CUSTOS-01101");
    }

    @Test
    void aMalformedEventNameIsNamedInTheMessage() {
        assertThatThrownBy(() -> RetentionSpec.parse("P5Y after Last_Entry", LOCATION))
                .hasMessageContaining("\"Last_Entry\"");
    }

    @Test
    void aTimePartMessageSaysToCountInDays() {
        assertThatThrownBy(() -> RetentionSpec.parse("PT24H", LOCATION)).hasMessageContaining("P1D");
    }

    @Test
    void aNegativePeriodMessagePointsToZero() {
        assertThatThrownBy(() -> RetentionSpec.parse("-P5Y", LOCATION)).hasMessageContaining("P0D");
    }

    @ParameterizedTest
    @ValueSource(strings = {"last-entry", "journal", "a", "fiscal-year-end", "x1-2y"})
    void validNames(String name) {
        assertThat(RetentionSpec.isValidName(name)).isTrue();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "Last", "last_entry", "last--entry", "-last", "last-", "1st", "last entry"})
    void invalidNames(String name) {
        assertThat(RetentionSpec.isValidName(name)).isFalse();
    }
}
