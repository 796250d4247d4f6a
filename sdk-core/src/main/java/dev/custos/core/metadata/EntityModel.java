// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.metadata;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The validated personal-data model of one entity class.
 *
 * @param type             the entity class
 * @param name             the entity name (as JPA names it)
 * @param subjectAttribute the {@code @DataSubject} attribute
 * @param subjectCategory  the category of data subjects, for the record of processing
 * @param anchors          the {@code @RetentionAnchor} attributes by event name ("" for an unnamed one)
 * @param attributes       the {@code @PersonalData} attributes, in declaration order
 * @param derived          the {@code @DerivedFrom} attributes, each with the attributes it derives from
 */
public record EntityModel(Class<?> type, String name, String subjectAttribute, String subjectCategory,
                          Map<String, String> anchors, List<PersonalDataAttribute> attributes,
                          Map<String, List<String>> derived) {

    public EntityModel {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(subjectAttribute, "subjectAttribute");
        Objects.requireNonNull(subjectCategory, "subjectCategory");
        anchors = Map.copyOf(anchors);
        attributes = List.copyOf(attributes);
        derived = Map.copyOf(derived);
    }

    public Optional<PersonalDataAttribute> attribute(String attributeName) {
        return attributes.stream().filter(a -> a.name().equals(attributeName)).findFirst();
    }

    /** Whether any attribute is special-category or criminal data, whose every read is audited. */
    public boolean holdsSensitiveData() {
        return attributes.stream().anyMatch(a -> a.category().sensitive());
    }
}
