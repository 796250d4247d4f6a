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
 * @param assignedCaller   the {@code @AssignedCaller} attribute; empty if none
 * @param clocks           the {@code @DerivedClock}s by event name
 */
public record EntityModel(Class<?> type, String name, String subjectAttribute, String subjectCategory,
                          Map<String, String> anchors, List<PersonalDataAttribute> attributes,
                          Map<String, List<String>> derived, String assignedCaller,
                          Map<String, DerivedClockModel> clocks) {

    /** A model without derived clocks. */
    public EntityModel(Class<?> type, String name, String subjectAttribute, String subjectCategory,
                       Map<String, String> anchors, List<PersonalDataAttribute> attributes,
                       Map<String, List<String>> derived, String assignedCaller) {
        this(type, name, subjectAttribute, subjectCategory, anchors, attributes, derived, assignedCaller, Map.of());
    }

    /** A model with no {@code @AssignedCaller} attribute. */
    public EntityModel(Class<?> type, String name, String subjectAttribute, String subjectCategory,
                       Map<String, String> anchors, List<PersonalDataAttribute> attributes,
                       Map<String, List<String>> derived) {
        this(type, name, subjectAttribute, subjectCategory, anchors, attributes, derived, "");
    }

    public EntityModel {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(subjectAttribute, "subjectAttribute");
        Objects.requireNonNull(subjectCategory, "subjectCategory");
        anchors = Map.copyOf(anchors);
        attributes = List.copyOf(attributes);
        derived = Map.copyOf(derived);
        Objects.requireNonNull(assignedCaller, "assignedCaller");
        clocks = Map.copyOf(clocks);
    }

    /**
     * The derived clock an attribute's {@link PersonalDataAttribute#anchor() anchor} names; empty for an anchor
     * attribute or none.
     */
    public Optional<DerivedClockModel> clock(String anchor) {
        return anchor.startsWith(DerivedClockModel.ANCHOR_PREFIX)
                ? Optional.ofNullable(clocks.get(anchor.substring(DerivedClockModel.ANCHOR_PREFIX.length())))
                : Optional.empty();
    }

    /** The attributes only the assigned caller may read and change, by the access of their pack rules. */
    public List<PersonalDataAttribute> assignedCallerOnly() {
        return attributes.stream().filter(a -> a.rule().access() == dev.custos.core.policy.RuleAccess.ASSIGNED_CALLER)
                .toList();
    }

    public Optional<PersonalDataAttribute> attribute(String attributeName) {
        return attributes.stream().filter(a -> a.name().equals(attributeName)).findFirst();
    }

    /** Whether any attribute is special-category or criminal data, whose every read is audited. */
    public boolean holdsSensitiveData() {
        return attributes.stream().anyMatch(a -> a.category().sensitive());
    }
}
