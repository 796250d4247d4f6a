// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.policy;

import static dev.custos.core.policy.PackElements.line;

import dev.custos.core.internal.xml.XmlElement;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads a pack's {@code <overridable>} elements: what a deployment may override, within which limits. */
final class PackOverridableReader {

    private final String file;
    private final PackElements elements;

    PackOverridableReader(String file, PackElements elements) {
        this.file = file;
        this.elements = elements;
    }

    /**
     * The {@code <overridable>} values: the fiscal year's end, a setting holding a day of the year, or a rule with a
     * period, whose {@code min} and {@code max} (periods; rules only) must hold the pack's own value.
     */
    Map<String, PackOverride> read(XmlElement root, Map<String, PolicyRule> rules,
                                                   Map<String, PackSetting> settings) {
        Map<String, PackOverride> found = new LinkedHashMap<>();
        for (XmlElement element : root.children("overridable")) {
            elements.checkShape(element, Set.of("name", "min", "max"), Set.of());
            String name = elements.required(element, "name");
            PolicyRule rule = rules.get(name);
            boolean isRule = rule != null && rule.retention().period().isPresent();
            boolean isDay = name.equals(PackOverride.FISCAL_YEAR_END) || settings.containsKey(name)
                    && PackOverrides.monthDay(settings.get(name).value().strip()).isPresent();
            if (!isRule && !isDay) {
                elements.add(PolicyMessages.badOverridable(file, line(element), name, "names neither fiscal-year-end,"
                        + " a setting holding a day of the year, nor a rule with a period"));
                continue;
            }
            Optional<Period> min = limit(element, "min", isRule);
            Optional<Period> max = limit(element, "max", isRule);
            if (isRule) {
                Period own = rule.retention().period().get();
                if (min.filter(m -> PackOverrides.shorter(own, m)).isPresent()
                        || max.filter(m -> PackOverrides.shorter(m, own)).isPresent()) {
                    elements.add(PolicyMessages.badOverridable(file, line(element), name, "has limits that leave out"
                            + " the rule's own period " + own));
                }
            }
            if (found.put(name, new PackOverride(name, min, max)) != null) {
                elements.add(PolicyMessages.duplicateId(file, line(element), "overridable", name));
            }
        }
        return found;
    }

    private Optional<Period> limit(XmlElement element, String attribute, boolean isRule) {
        Optional<String> value = element.attribute(attribute).map(String::strip);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Optional<Period> period = PackOverrides.period(value.get());
        if (!isRule || period.isEmpty()) {
            elements.add(PolicyMessages.badOverridable(file, line(element), elements.required(element, "name"), isRule
                    ? "has " + attribute + "=\"" + value.get() + "\", which is not an ISO-8601 period"
                    : "has " + attribute + ", which only a rule's period takes"));
        }
        return period;
    }
}
