// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.record;

import java.util.List;
import java.util.Objects;

/**
 * One purpose of processing in the record (GDPR Art. 30(1)(b), (c) and (f)), gathered from every
 * annotated attribute that declares it.
 *
 * @param purpose            the purpose, or the entity name where an attribute declares none
 * @param purposeDeclared    false when the activity groups attributes that declare no purpose, which the
 *                           record flags for the controller to fix
 * @param subjectCategories  categories of data subjects
 * @param dataCategories     categories of personal data, each with its DPV term
 * @param legalBases         Art. 6(1) bases and Art. 9(2) conditions, as citations
 * @param retention          one line per retention rule: the rule, its period and its sources
 * @param attributes         the annotated attributes, as {@code Entity.attribute}
 */
public record ProcessingActivity(String purpose, boolean purposeDeclared, List<String> subjectCategories,
                                 List<String> dataCategories, List<String> legalBases, List<String> retention,
                                 List<String> attributes) {

    public ProcessingActivity {
        Objects.requireNonNull(purpose, "purpose");
        subjectCategories = List.copyOf(subjectCategories);
        dataCategories = List.copyOf(dataCategories);
        legalBases = List.copyOf(legalBases);
        retention = List.copyOf(retention);
        attributes = List.copyOf(attributes);
    }
}
