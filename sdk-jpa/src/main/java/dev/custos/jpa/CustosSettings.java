// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa;

import dev.custos.core.CustosDefinitionException;
import dev.custos.core.CustosException;
import dev.custos.core.Message;
import dev.custos.jpa.internal.JpaMessages;
import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The values of every {@link CustosSetting}, read once and validated together: a malformed value is a numbered
 * problem naming the setting, and every problem is reported at once in one {@link CustosDefinitionException}.
 * Defaults come from the registry only. A {@link CustosSetting.Scope#UNIT_OR_SERVER} setting takes the server's
 * value when there is one, else the unit's. Immutable and thread-safe.
 */
public final class CustosSettings {

    /** Where server settings come from: a key's value if set (MicroProfile Config, system properties). */
    @FunctionalInterface
    public interface Source {
        /** No server settings: Java SE, where the persistence unit's properties are all there is. */
        Source NONE = key -> Optional.empty();

        Optional<String> value(String key);
    }

    private final Map<CustosSetting, Object> values;
    private final Map<CustosSetting, Boolean> given;

    private CustosSettings(Map<CustosSetting, Object> values, Map<CustosSetting, Boolean> given) {
        this.values = values;
        this.given = given;
    }

    /**
     * The server's settings, for what runs across units (the scheduled sweep, the services' roles): unit-only
     * settings take their defaults, and no setting is required.
     *
     * @throws CustosDefinitionException listing every malformed value
     */
    public static CustosSettings forServer(Source server) {
        return read(server, Map.of(), false);
    }

    /**
     * The settings of one persistence unit: its properties, the server's settings over them where a setting may
     * come from both. The pack is required unless Custos is switched off ({@code custos.enabled=false}).
     *
     * @throws CustosDefinitionException listing every missing or malformed value
     */
    public static CustosSettings forUnit(Source server, Map<String, ?> unitProperties) {
        return read(server, unitProperties, true);
    }

    private static CustosSettings read(Source server, Map<String, ?> unit, boolean forUnit) {
        List<Message> problems = new ArrayList<>();
        CustosSettings settings = read(server, unit, forUnit, problems);
        if (!problems.isEmpty()) {
            throw new CustosDefinitionException(JpaMessages.invalidSettings(Integer.toString(problems.size())),
                    problems);
        }
        return settings;
    }

    /**
     * As {@link #forUnit}, adding each problem to {@code problems} instead of throwing, so that a start reports
     * them together with the pack's and the model's; a malformed value reads as its default meanwhile.
     */
    static CustosSettings forUnit(Source server, Map<String, ?> unitProperties, List<Message> problems) {
        return read(server, unitProperties, true, problems);
    }

    private static CustosSettings read(Source server, Map<String, ?> unit, boolean forUnit, List<Message> problems) {
        Map<CustosSetting, Object> values = new EnumMap<>(CustosSetting.class);
        Map<CustosSetting, Boolean> given = new EnumMap<>(CustosSetting.class);
        for (CustosSetting setting : CustosSetting.values()) {
            Optional<String> text = text(setting, server, unit);
            given.put(setting, text.isPresent());
            Optional<String> value = text.or(setting::defaultValue);
            if (value.isEmpty()) {
                continue; // required: checked below, once it is known whether Custos is on
            }
            try {
                values.put(setting, setting.parse(value.get()));
            } catch (CustosException e) {
                problems.add(e.detail());
                setting.defaultValue().ifPresent(fallback -> values.put(setting, setting.parse(fallback)));
            }
        }
        boolean enabled = !Boolean.FALSE.equals(values.get(CustosSetting.ENABLED));
        if (forUnit && enabled && !given.get(CustosSetting.PACK)) {
            problems.add(JpaMessages.missingSetting(CustosSetting.PACK.key(), "The policy pack whose rules apply"
                    + " (gdpr, dk, no, or your own)."));
        }
        return new CustosSettings(values, given);
    }

    private static Optional<String> text(CustosSetting setting, Source server, Map<String, ?> unit) {
        Optional<String> fromServer = setting.scope().server() ? server.value(setting.key()) : Optional.empty();
        Optional<String> chosen = fromServer.filter(v -> !v.isBlank());
        if (chosen.isEmpty() && setting.scope().unit()) {
            chosen = Optional.ofNullable(unit.get(setting.key())).map(Object::toString).filter(v -> !v.isBlank());
        }
        return chosen.map(String::strip);
    }

    /** Whether a source set the value (rather than the registry's default). */
    public boolean isSet(CustosSetting setting) {
        return given.get(setting);
    }

    /** Whether Custos is on ({@code custos.enabled}). */
    public boolean enabled() {
        return bool(CustosSetting.ENABLED);
    }

    /** The pack, if one is set (it is, for a unit where Custos is on). */
    public Optional<String> pack() {
        return Optional.ofNullable((String) values.get(CustosSetting.PACK));
    }

    public String text(CustosSetting setting) {
        return (String) value(setting, CustosSetting.Type.TEXT);
    }

    public boolean bool(CustosSetting setting) {
        return (Boolean) value(setting, CustosSetting.Type.BOOLEAN);
    }

    public Duration duration(CustosSetting setting) {
        return setting.type() == CustosSetting.Type.POSITIVE_DURATION
                ? (Duration) values.get(setting) : (Duration) value(setting, CustosSetting.Type.DURATION);
    }

    public int integer(CustosSetting setting) {
        return (Integer) value(setting, CustosSetting.Type.BATCH_SIZE);
    }

    @SuppressWarnings("unchecked")
    public List<String> list(CustosSetting setting) {
        return (List<String>) value(setting, CustosSetting.Type.LIST);
    }

    /** A {@link CustosSetting.Type#PERIOD} setting; empty for {@code none}. */
    @SuppressWarnings("unchecked")
    public Optional<Period> period(CustosSetting setting) {
        return (Optional<Period>) value(setting, CustosSetting.Type.PERIOD);
    }

    public System.Logger.Level level(CustosSetting setting) {
        return (System.Logger.Level) value(setting, CustosSetting.Type.LOG_LEVEL);
    }

    private Object value(CustosSetting setting, CustosSetting.Type type) {
        if (setting.type() != type) {
            throw new IllegalArgumentException(setting.key() + " is a " + setting.type() + " setting, not " + type);
        }
        Object value = values.get(setting);
        if (value == null) {
            throw new IllegalStateException(setting.key() + " has no value"); // only a required one, checked above
        }
        return value;
    }
}
