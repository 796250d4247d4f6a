// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.CustosException;
import dev.custos.core.policy.PolicyPacks;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestDeadlinesTest {

    private static final ZoneId COPENHAGEN = ZoneId.of("Europe/Copenhagen");
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final Optional<Period> THIRTY_DAYS = Optional.of(Period.ofDays(30));

    /** Copenhagen, Oslo and Brussels (the gdpr pack's): each shipped pack counts deadlines in its own zone. */
    static Stream<String> zonesOfTheShippedPacks() {
        return PolicyPacks.BUILT_IN.stream().map(id -> PolicyPacks.load(id).zone().getId()).distinct();
    }

    private static Instant local(String dateTime, ZoneId zone) {
        return LocalDateTime.parse(dateTime).atZone(zone).toInstant();
    }

    private static Deadline legal(String receivedLocal, ZoneId zone) {
        return RequestDeadlines.deadline(local(receivedLocal, zone), zone, Optional.empty());
    }

    @ParameterizedTest(name = "received {0} -> last day {1}")
    @CsvSource({
        "2025-01-31T12:00, 2025-02-28",   // no 31 February: the month's last day
        "2024-01-31T12:00, 2024-02-29",   // leap year
        "2025-03-31T12:00, 2025-04-30",
        "2025-03-15T12:00, 2025-04-15",   // same date in the next month
        "2025-12-15T12:00, 2026-01-15",   // across the year end
    })
    void oneCalendarMonthAsRegulation1182_71CountsIt(String received, LocalDate lastDay) {
        Deadline deadline = legal(received, COPENHAGEN);

        assertThat(deadline.lastDay()).isEqualTo(lastDay);
        assertThat(deadline.expiresAt()).isEqualTo(lastDay.plusDays(1).atStartOfDay(COPENHAGEN).toInstant());
        assertThat(deadline.basis()).isEqualTo("GDPR Art. 12(3)");
    }

    @ParameterizedTest
    @MethodSource("zonesOfTheShippedPacks")
    void lateEveningBeforeTheSpringDstChangeExpiresAtLocalMidnightInSummerTime(String zoneId) {
        ZoneId zone = ZoneId.of(zoneId);
        // 29 March 2025 is the day before clocks go forward (30 March, 02:00 -> 03:00).
        Deadline deadline = legal("2025-03-29T23:30", zone);

        assertThat(deadline.lastDay()).isEqualTo(LocalDate.of(2025, 4, 29));
        assertThat(deadline.expiresAt()).isEqualTo(Instant.parse("2025-04-29T22:00:00Z"));
        assertThat(deadline.expiresAt().atZone(zone).toLocalDateTime())
                .isEqualTo(LocalDateTime.of(2025, 4, 30, 0, 0));
    }

    @ParameterizedTest
    @MethodSource("zonesOfTheShippedPacks")
    void lastDayOnTheAutumnDstChangeExpiresAtLocalMidnightInWinterTime(String zoneId) {
        ZoneId zone = ZoneId.of(zoneId);
        // The last day, 26 October 2025, lasts 25 hours: clocks go back at 03:00.
        Deadline deadline = legal("2025-09-26T23:30", zone);

        assertThat(deadline.lastDay()).isEqualTo(LocalDate.of(2025, 10, 26));
        assertThat(deadline.expiresAt()).isEqualTo(Instant.parse("2025-10-26T23:00:00Z"));
        assertThat(deadline.expiresAt().atZone(zone).toLocalDateTime())
                .isEqualTo(LocalDateTime.of(2025, 10, 27, 0, 0));
    }

    @ParameterizedTest
    @MethodSource("zonesOfTheShippedPacks")
    void receiptJustAfterLocalMidnightCountsFromTheLocalDateNotTheUtcDate(String zoneId) {
        ZoneId zone = ZoneId.of(zoneId);
        Instant received = local("2025-03-16T00:30", zone);
        assertThat(LocalDate.ofInstant(received, ZoneOffset.UTC)).isEqualTo(LocalDate.of(2025, 3, 15));

        Deadline deadline = RequestDeadlines.deadline(received, zone, Optional.empty());

        assertThat(RequestDeadlines.receivedDate(received, zone)).isEqualTo(LocalDate.of(2025, 3, 16));
        assertThat(deadline.lastDay()).isEqualTo(LocalDate.of(2025, 4, 16));
        assertThat(deadline.expiresAt()).isEqualTo(Instant.parse("2025-04-16T22:00:00Z"));
    }

    @Test
    void thirtyDayPromiseWinsWhenItEndsBeforeTheMonth() {
        Deadline deadline = RequestDeadlines.deadline(local("2025-01-01T10:00", OSLO), OSLO, THIRTY_DAYS);

        assertThat(deadline.lastDay()).isEqualTo(LocalDate.of(2025, 1, 31));
        assertThat(deadline.expiresAt()).isEqualTo(local("2025-02-01T00:00", OSLO));
        assertThat(deadline.basis()).isEqualTo("policy pack: answered within P30D");
    }

    @Test
    void legalMonthWinsWhenItEndsBeforeThirtyDays() {
        // 1 February + 30 days is 3 March, but the month ends on 1 March.
        Deadline deadline = RequestDeadlines.deadline(local("2025-02-01T10:00", OSLO), OSLO, THIRTY_DAYS);

        assertThat(deadline.lastDay()).isEqualTo(LocalDate.of(2025, 3, 1));
        assertThat(deadline.basis()).isEqualTo("GDPR Art. 12(3)");
    }

    @Test
    void promiseEndingOnTheSameDayAsTheMonthCitesTheLaw() {
        Deadline deadline = RequestDeadlines.deadline(local("2025-01-31T10:00", OSLO), OSLO,
                Optional.of(Period.ofDays(28)));

        assertThat(deadline.lastDay()).isEqualTo(LocalDate.of(2025, 2, 28));
        assertThat(deadline.basis()).isEqualTo("GDPR Art. 12(3)");
    }

    @Test
    void promiseLongerThanTheLawIsIgnored() {
        Deadline deadline = RequestDeadlines.deadline(local("2025-03-15T10:00", OSLO), OSLO,
                Optional.of(Period.ofMonths(2)));

        assertThat(deadline.lastDay()).isEqualTo(LocalDate.of(2025, 4, 15));
        assertThat(deadline.basis()).isEqualTo("GDPR Art. 12(3)");
    }

    @ParameterizedTest(name = "received {0} -> extended to {1}")
    @CsvSource({
        "2025-01-31T12:00, 2025-04-30",   // three months from receipt, not 28 February + 2 months
        "2024-01-31T12:00, 2024-04-30",
        "2024-11-30T12:00, 2025-02-28",
        "2025-03-15T12:00, 2025-06-15",
    })
    void extensionAddsTwoFurtherMonthsCountedFromReceipt(String received, LocalDate lastDay) {
        Deadline deadline = RequestDeadlines.extended(local(received, COPENHAGEN), COPENHAGEN);

        assertThat(deadline.lastDay()).isEqualTo(lastDay);
        assertThat(deadline.expiresAt()).isEqualTo(lastDay.plusDays(1).atStartOfDay(COPENHAGEN).toInstant());
        assertThat(deadline.basis()).isEqualTo("GDPR Art. 12(3), extended by two further months");
    }

    @Test
    void deadlinePassesAtTheStartOfTheNextDay() {
        Deadline deadline = legal("2025-03-15T12:00", COPENHAGEN);
        Instant midnight = LocalDate.of(2025, 4, 16).atTime(LocalTime.MIDNIGHT).atZone(COPENHAGEN).toInstant();

        assertThat(deadline.passed(midnight.minusNanos(1))).isFalse();
        assertThat(deadline.passed(midnight)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"P0D", "P-1D", "P1M-40D"})
    void promiseMustBePositive(String period) {
        Instant received = local("2025-03-15T12:00", OSLO);

        assertThatThrownBy(() -> RequestDeadlines.deadline(received, OSLO, Optional.of(Period.parse(period))))
                .isInstanceOfSatisfying(CustosException.class,
                        ex -> assertThat(ex.messageId()).isEqualTo("CUSTOS-02211"))
                .hasMessageContaining(period);
    }
}
