// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.policy;

import dev.custos.core.CustosDefinitionException;
import dev.custos.core.Message;
import dev.custos.core.internal.text.Spelling;
import dev.custos.core.retention.RetentionSpec;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies a deployment's {@code custos.pack.override.*} values to a pack, checking each against what the pack lets
 * be overridden and within which limits, and reporting every problem at once.
 */
final class PackOverrides {

    /** A date periods are added to, to compare them ("P1Y" against "P12M" is equal, "P6M" shorter than "P1Y"). */
    private static final LocalDate BASE = LocalDate.of(2001, 1, 1);

    private PackOverrides() {
    }

    static PolicyPack apply(PolicyPack pack, Map<String, String> values) {
        if (values.isEmpty()) {
            return pack;
        }
        List<Message> problems = new ArrayList<>();
        Map<String, PolicyRule> rules = new LinkedHashMap<>(pack.rules());
        Map<String, PackSetting> settings = new LinkedHashMap<>(pack.settings());
        values.forEach((name, raw) -> {
            String value = raw == null ? "" : raw.strip();
            String key = PackOverride.SETTING_PREFIX + name;
            PackOverride allowed = pack.overridable().get(name);
            if (allowed == null) {
                boolean known = name.equals(PackOverride.FISCAL_YEAR_END) || pack.rules().containsKey(name)
                        || pack.settings().containsKey(name);
                problems.add(known ? PolicyMessages.notOverridable(key, pack.id(), names(pack))
                        : PolicyMessages.unknownOverride(key, pack.id(), names(pack),
                                Spelling.hint(name, pack.overridable().keySet())));
                return;
            }
            if (rules.containsKey(name)) {
                Optional<Period> period = period(value);
                if (period.isEmpty()) {
                    problems.add(PolicyMessages.malformedOverride(key, value, "an ISO-8601 period such as P1Y"));
                } else if (allowed.min().filter(min -> shorter(period.get(), min)).isPresent()
                        || allowed.max().filter(max -> shorter(max, period.get())).isPresent()) {
                    problems.add(PolicyMessages.overrideOutOfLimits(key, value, allowed.min().map(Period::toString)
                            .orElse("P0D"), allowed.max().map(Period::toString).orElse("(none)"), pack.id()));
                } else {
                    PolicyRule rule = rules.get(name);
                    rules.put(name, new PolicyRule(rule.id(), rule.title(), rule.basis(), rule.condition(),
                            rule.retention().withPeriod(period.get()), rule.dutyToKeep(), rule.exemption(),
                            rule.onDue(), rule.citations(), rule.seedWording(), rule.note(), rule.access()));
                }
                return;
            }
            Optional<MonthDay> day = monthDay(value);
            if (day.isEmpty()) {
                problems.add(PolicyMessages.malformedOverride(key, value, "a day of the year such as 06-30"));
            } else if (!name.equals(PackOverride.FISCAL_YEAR_END)) { // the fiscal year's end is set below

                PackSetting setting = settings.get(name);
                settings.put(name, new PackSetting(name, day.get().toString(), setting.citations(), setting.note()));
            }
        });
        if (!problems.isEmpty()) {
            throw new CustosDefinitionException(PolicyMessages.invalidOverrides(pack.id(),
                    String.valueOf(problems.size())), problems);
        }
        MonthDay fiscalYearEnd = values.containsKey(PackOverride.FISCAL_YEAR_END)
                ? monthDay(values.get(PackOverride.FISCAL_YEAR_END).strip()).orElseThrow() : pack.fiscalYearEnd();
        return new PolicyPack(pack.id(), pack.name(), pack.jurisdiction(), pack.zone(), fiscalYearEnd,
                pack.description(), pack.source(), pack.requests(), rules, pack.holdReasons(), settings,
                pack.purposes(), pack.auditIdentity(), pack.overridable());
    }

    private static String names(PolicyPack pack) {
        return pack.overridable().isEmpty() ? "(none)" : String.join(", ", pack.overridable().keySet());
    }

    /** {@code a} is shorter than {@code b}. */
    static boolean shorter(Period a, Period b) {
        return BASE.plus(a).isBefore(BASE.plus(b));
    }

    static Optional<Period> period(String value) {
        try {
            Period period = Period.parse(value);
            return period.isNegative() ? Optional.empty() : Optional.of(period);
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** {@code 06-30} or {@code --06-30}. */
    static Optional<MonthDay> monthDay(String value) {
        String iso = value.startsWith("--") ? value : "--" + value;
        return RetentionSpec.isMonthDay(iso) ? Optional.of(MonthDay.parse(iso)) : Optional.empty();
    }
}
