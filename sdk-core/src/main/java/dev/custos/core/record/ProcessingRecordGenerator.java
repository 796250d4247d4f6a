// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.record;

import dev.custos.core.gdpr.LegalBasis;
import dev.custos.core.metadata.DataModel;
import dev.custos.core.metadata.EntityModel;
import dev.custos.core.metadata.PersonalDataAttribute;
import dev.custos.core.policy.PackPurpose;
import dev.custos.core.policy.PolicyRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Generates the record of processing activities (GDPR Art. 30) from an annotated {@link DataModel}, so
 * that the record always matches what the application does. Stateless and thread-safe.
 */
public final class ProcessingRecordGenerator {

    private ProcessingRecordGenerator() {
    }

    public static ProcessingRecord generate(DataModel model, Controller controller) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(controller, "controller");
        Map<String, Builder> byPurpose = new TreeMap<>();
        for (EntityModel entity : model.entities()) {
            for (PersonalDataAttribute attribute : entity.attributes()) {
                List<String> purposes = attribute.purposes();
                if (purposes.isEmpty()) {
                    byPurpose.computeIfAbsent("~" + entity.name(), k -> new Builder(entity.name(), false))
                            .add(entity, attribute);
                }
                for (String purpose : purposes) {
                    byPurpose.computeIfAbsent(purpose, k -> new Builder(purpose, true)).add(entity, attribute);
                }
            }
        }
        // a purpose the pack says needs consent whatever the data's basis rests on that consent as well
        model.pack().purposes().values().stream().filter(PackPurpose::consentRequired)
                .filter(p -> byPurpose.containsKey(p.id()))
                .forEach(p -> byPurpose.get(p.id()).bases.add(LegalBasis.CONSENT.citation() + " "
                        + LegalBasis.CONSENT.label().toLowerCase(java.util.Locale.ROOT)
                        + ", which the policy pack requires for this purpose (" + p.citationLine() + ")"));
        List<ProcessingActivity> activities = new ArrayList<>();
        byPurpose.values().forEach(b -> activities.add(b.build()));
        return new ProcessingRecord(controller, model.pack().id(), activities);
    }

    /** Gathers one purpose's facts in sorted sets, so the output does not depend on declaration order. */
    private static final class Builder {
        private final String purpose;
        private final boolean declared;
        private final TreeSet<String> subjects = new TreeSet<>();
        private final TreeSet<String> data = new TreeSet<>();
        private final TreeSet<String> bases = new TreeSet<>();
        private final TreeSet<String> retention = new TreeSet<>();
        private final TreeSet<String> attributes = new TreeSet<>();

        Builder(String purpose, boolean declared) {
            this.purpose = purpose;
            this.declared = declared;
        }

        void add(EntityModel entity, PersonalDataAttribute attribute) {
            subjects.add(entity.subjectCategory());
            data.add(attribute.category().label() + " (" + attribute.category().dpvTerm() + ")");
            bases.add(attribute.basis().citation() + " " + attribute.basis().label().toLowerCase(java.util.Locale.ROOT));
            if (!attribute.condition().citation().isEmpty()) {
                bases.add(attribute.condition().citation() + " " + attribute.condition().label().toLowerCase(
                        java.util.Locale.ROOT));
            }
            PolicyRule rule = attribute.rule();
            retention.add(rule.title() + ": " + rule.retention() + " (" + rule.citationLine() + ")");
            attributes.add(entity.name() + "." + attribute.name());
        }

        ProcessingActivity build() {
            return new ProcessingActivity(purpose, declared, List.copyOf(subjects), List.copyOf(data),
                    List.copyOf(bases), List.copyOf(retention), List.copyOf(attributes));
        }
    }
}
