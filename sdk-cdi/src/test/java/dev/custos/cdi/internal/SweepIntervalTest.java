// SPDX-License-Identifier: Apache-2.0
package dev.custos.cdi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.CustosException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The sweep interval is refused when the executor could not run it, naming the value the operator wrote. */
class SweepIntervalTest {

    private static CustosConfig interval(String value) {
        Map<String, String> settings = Map.of(CustosConfig.SWEEP_INTERVAL, value);
        return new CustosConfig(key -> Optional.ofNullable(settings.get(key)), settings::keySet);
    }

    @Test
    void aZeroIntervalIsRefusedAsWritten() {
        assertThatThrownBy(() -> SweepScheduler.interval(interval("PT0M")))
                .isInstanceOf(CustosException.class)
                .hasMessageContaining("CUSTOS-05004")
                .hasMessageContaining("\"PT0M\"");
    }

    @Test
    void anIntervalUnderAMillisecondIsRefusedRatherThanFailingTheExecutor() {
        assertThatThrownBy(() -> SweepScheduler.interval(interval("PT0.0005S")))
                .isInstanceOf(CustosException.class)
                .hasMessageContaining("CUSTOS-05004")
                .hasMessageContaining("\"PT0.0005S\"");
    }

    @Test
    void aMillisecondOrMoreIsKept() {
        assertThat(SweepScheduler.interval(interval("PT0.001S"))).isEqualTo(Duration.ofMillis(1));
        assertThat(SweepScheduler.interval(interval("PT15M"))).isEqualTo(Duration.ofMinutes(15));
    }
}
