// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.custos.core.CustosDefinitionException;
import dev.custos.core.Message;
import dev.custos.jpa.CustosSetting;
import dev.custos.jpa.CustosSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one registry of settings: one parsing per type, defaults from the registry, every problem at once. */
class CustosSettingsTest {

    private static CustosSettings.Source server(Map<String, String> values) {
        return key -> Optional.ofNullable(values.get(key));
    }

    @Test
    void everySettingHasItsRegistryDefaultWhenNothingIsSet() {
        CustosSettings settings = CustosSettings.forServer(CustosSettings.Source.NONE);
        assertThat(settings.bool(CustosSetting.ENABLED)).isTrue();
        assertThat(settings.bool(CustosSetting.SWEEP_CONFIRMED)).isFalse();
        assertThat(settings.duration(CustosSetting.SWEEP_INTERVAL)).isEqualTo(Duration.ofHours(1));
        assertThat(settings.duration(CustosSetting.REQUEST_WARNING)).isEqualTo(Duration.ofDays(7));
        assertThat(settings.integer(CustosSetting.SWEEP_BATCH_SIZE)).isEqualTo(1000);
        assertThat(settings.list(CustosSetting.READ_ONLY_ROLES)).containsExactly("custos-auditor");
        assertThat(settings.text(CustosSetting.DECIDER_ROLE)).isEqualTo("custos-privacy-officer");
        assertThat(settings.pack()).isEmpty();
        for (CustosSetting setting : CustosSetting.values()) {
            assertThat(settings.isSet(setting)).as(setting.key()).isFalse();
        }
    }

    /** Before, the CDI layer read "TRUE" and "False" as booleans while the unit refused them. */
    @Test
    void aBooleanIsTrueOrFalseOnlyWhereverItIsSet() {
        CustosDefinitionException server = catchThrowableOfType(CustosDefinitionException.class,
                () -> CustosSettings.forServer(server(Map.of("custos.sweep.confirmed", "TRUE"))));
        CustosDefinitionException unit = catchThrowableOfType(CustosDefinitionException.class,
                () -> CustosSettings.forUnit(CustosSettings.Source.NONE,
                        Map.of("custos.pack", "dk", "custos.schema.migrate", "yes")));
        assertThat(server.problems()).extracting(Message::code).containsExactly("CUSTOS-04402");
        assertThat(server.problems().get(0).text()).contains("custos.sweep.confirmed=\"TRUE\"");
        assertThat(unit.problems()).extracting(Message::code).containsExactly("CUSTOS-04402");
        assertThat(unit.problems().get(0).text()).contains("custos.schema.migrate=\"yes\"");
    }

    @Test
    void everyMalformedValueIsReportedAtOnceNamingItsSetting() {
        CustosDefinitionException e = catchThrowableOfType(CustosDefinitionException.class,
                () -> CustosSettings.forUnit(server(Map.of("custos.sweep.interval", "PT0S",
                        "custos.sweep.batch-size", "100001", "custos.requests.warn-before", "-P1D")),
                        Map.of("custos.log.refusals", "loud", "custos.enabled", "maybe")));
        assertThat(e.messageId()).isEqualTo("CUSTOS-04438");
        assertThat(e.problems()).extracting(Message::code).containsExactlyInAnyOrder("CUSTOS-04439",
                "CUSTOS-04439", "CUSTOS-04439", "CUSTOS-04490", "CUSTOS-04402", "CUSTOS-04401");
        assertThat(e.getMessage()).contains("custos.sweep.interval=\"PT0S\"", "custos.sweep.batch-size=\"100001\"",
                "custos.requests.warn-before=\"-P1D\"", "custos.log.refusals=\"loud\"", "custos.enabled=\"maybe\"");
    }

    @Test
    void aSweepIntervalUnderAMillisecondIsRefusedAsWrittenRatherThanFailingTheScheduler() {
        for (String written : List.of("PT0M", "PT0.0005S")) {
            CustosDefinitionException e = catchThrowableOfType(CustosDefinitionException.class,
                    () -> CustosSettings.forServer(server(Map.of("custos.sweep.interval", written))));
            assertThat(e.problems()).extracting(Message::code).containsExactly("CUSTOS-04439");
            assertThat(e.getMessage()).contains("custos.sweep.interval=\"" + written + "\"", "a millisecond or more");
        }
        assertThat(CustosSettings.forServer(server(Map.of("custos.sweep.interval", "PT0.001S")))
                .duration(CustosSetting.SWEEP_INTERVAL)).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void theServersValueWinsWhereASettingMayComeFromBothAndIsIgnoredWhereItMayNot() {
        CustosSettings settings = CustosSettings.forUnit(
                server(Map.of("custos.pack", "no", "custos.schema.migrate", "false",
                        "custos.roles.no-content", "none")),
                Map.of("custos.pack", "dk", "custos.roles.no-content", "inspection"));
        assertThat(settings.pack()).contains("no");
        assertThat(settings.list(CustosSetting.NO_CONTENT_ROLES)).isEmpty();
        assertThat(settings.bool(CustosSetting.MIGRATE_SCHEMA)).as("a unit-only setting").isTrue();
    }

    @Test
    void switchedOffAUnitNeedsNoPack() {
        CustosSettings settings = CustosSettings.forUnit(CustosSettings.Source.NONE, Map.of("custos.enabled", "false"));
        assertThat(settings.enabled()).isFalse();
        assertThat(settings.pack()).isEmpty();
        assertThat(CustosSetting.list(" a, b ,,a ")).isEqualTo(List.of("a", "b"));
    }
}
