// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.CustosException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import org.junit.jupiter.api.Test;

class AnchorValuesTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    @Test
    void aDateMeansTheLastMomentOfThatDayInThePacksZone() {
        // the event may have happened at any time that day; a period must never end before it has fully run
        assertThat(AnchorValues.toInstant(LocalDate.of(2024, 7, 1), OSLO))
                .contains(Instant.parse("2024-07-01T21:59:59.999999999Z"));
        assertThat(AnchorValues.toInstant(java.sql.Date.valueOf("2024-01-01"), OSLO))
                .contains(Instant.parse("2024-01-01T22:59:59.999999999Z"));
    }

    @Test
    void localTimesAreReadInThePacksZoneAndZonedOnesKeepTheirOffset() {
        assertThat(AnchorValues.toInstant(LocalDateTime.of(2024, 1, 1, 12, 0), OSLO))
                .contains(Instant.parse("2024-01-01T11:00:00Z"));
        assertThat(AnchorValues.toInstant(OffsetDateTime.of(2024, 1, 1, 12, 0, 0, 0, ZoneOffset.UTC), OSLO))
                .contains(Instant.parse("2024-01-01T12:00:00Z"));
        assertThat(AnchorValues.toInstant(Date.from(Instant.EPOCH), OSLO)).contains(Instant.EPOCH);
    }

    @Test
    void nullIsUnknownNotNow() {
        assertThat(AnchorValues.toInstant(null, OSLO)).isEmpty();
    }

    @Test
    void otherTypesAreRefusedWithTheSupportedList() {
        assertThat(AnchorValues.supports(String.class)).isFalse();
        assertThat(AnchorValues.supports(LocalDate.class)).isTrue();
        assertThatThrownBy(() -> AnchorValues.toInstant("2024-01-01", OSLO))
                .isInstanceOf(CustosException.class)
                .hasMessageContaining("CUSTOS-01108")
                .hasMessageContaining("LocalDate");
    }
}
