// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.policy;

import static dev.custos.core.policy.PackElements.line;

import dev.custos.core.internal.xml.XmlElement;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The checks of a pack that span its elements: the consent age its purposes need, the days its rules name. */
final class PackCrossChecks {

    private final String file;
    private final PackElements elements;

    PackCrossChecks(String file, PackElements elements) {
        this.file = file;
        this.elements = elements;
    }

    /**
     * A pack that names an information society service must say from what age a child consents alone (GDPR
     * Art. 8(1)): a whole number of years from 13 to 16, in the setting the consent check reads.
     */
    void checkConsentAge(XmlElement root, Map<String, PackSetting> settings,
                         Map<String, PackPurpose> purposes) {
        List<String> services = purposes.values().stream().filter(PackPurpose::informationSocietyService)
                .map(PackPurpose::id).toList();
        PackSetting age = settings.get(PackPurpose.DIGITAL_CONSENT_AGE);
        if (age == null) {
            if (!services.isEmpty()) {
                elements.add(PolicyMessages.consentAgeMissing(file, line(root), String.join(", ", services),
                        PackPurpose.DIGITAL_CONSENT_AGE));
            }
            return;
        }
        if (PolicyPack.consentAgeOf(age).isEmpty()) {
            elements.add(PolicyMessages.invalidConsentAge(file, line(root), PackPurpose.DIGITAL_CONSENT_AGE,
                    age.value()));
        }
    }

    void checkNextDates(Collection<PolicyRule> rules, Map<String, PackSetting> settings, XmlElement root) {
        PolicyPack probe = new PolicyPack("probe", "", "", ZoneId.of("UTC"), MonthDay.of(12, 31), "", file,
                new RequestPolicy(Optional.empty(), List.of()), Map.of(), Map.of(), settings);
        for (PolicyRule rule : rules) {
            rule.retention().next().filter(day -> probe.monthDay(day).isEmpty()).ifPresent(day ->
                    elements.add(PolicyMessages.unknownNextDate(file, line(root), rule.id(), day)));
        }
    }
}
